package dev.glivy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one redaction of Glivy, used by core's messages and {@code toString()}s and by the transports' messages and
 * wire loggers, so a secret masked in one place is masked in all. It masks: the values of secret-looking keys
 * ({@code password}, {@code secret}, {@code token}, {@code credential}, access/API/private keys) in maps, in
 * {@code k=v} Spark properties and in free text ({@code "password": "x"}, {@code secret.key=x}); URL user-info
 * ({@code https://user:pw@host}); the query parameters of presigned URLs ({@code X-Amz-Signature},
 * {@code X-Amz-Security-Token}, {@code X-Amz-Credential}, {@code Signature}, ...); and, through {@link #text(String,
 * Collection)}, exact values a transport knows it sends (auth header values, sensitive custom headers).
 *
 * <p>Every pattern here is linear in its input (possessive or bounded quantifiers only), so redacting a hostile
 * value costs time proportional to its length. Stateless and thread-safe.
 */
@InternalApi
public final class Redaction {
    /** What a masked value is shown as. */
    public static final String MASK = "****";
    /** Keys whose values are secrets (a superset of Spark's default {@code spark.redaction.regex}). */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i)password|passwd|pwd|secret|token|credential|signature|private[._-]?key|access[._-]?key"
                    + "|api[._-]?key|session[._-]?key|authorization");

    private static final String SECRET_WORD = "(?:password|passwd|secret|token|credential|private[._-]?key"
            + "|access[._-]?key|api[._-]?key|authorization)";
    /** A secret-looking key in free text followed by {@code :} or {@code =} and its value. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(" + SECRET_WORD
            + "[\\w.-]{0,128}+\\\\?+[\"']?+\\s{0,8}+[:=]\\s{0,8}+)(\\\\\"[^\"\\\\]{0,8192}+(?:\\\\\")?+"
            + "|\"[^\"]{0,8192}+\"?+|'[^']{0,8192}+'?+"
            + "|(?:basic|bearer|negotiate) [^\\s,;&}\"'\\\\]{1,8192}+|[^\\s,;&}\"'\\\\]{1,8192}+)");
    /** URL user-info: {@code scheme://user:password@} or {@code scheme://token@}. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]{0,30}+://)[^/@\\s?#\"']{1,512}+@");
    /** Query parameters that carry presigned-URL signatures, tokens or credentials. */
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&;](?:X-Amz-Signature|X-Amz-Security-Token"
            + "|X-Amz-Credential|X-Goog-Signature|X-Goog-Credential|Signature|sig|AWSAccessKeyId|Policy|Key-Pair-Id"
            + "|access_token|token|api_key|apikey|key|password|secret|client_secret)=)[^&#\\s\"']*+");

    private Redaction() {}

    /** Whether a configuration key looks like it holds a secret (password, token, secret, access key...). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    /**
     * {@code text} with every secret this class recognises masked: secret-looking {@code key: value} and
     * {@code key=value} pairs, URL user-info and presigned-URL query parameters.
     */
    public static String text(String text) {
        String s = replace(USER_INFO, text, m -> m.group(1) + MASK + "@");
        s = replace(QUERY_SECRET, s, m -> m.group(1) + MASK);
        return replace(
                KEY_VALUE,
                s,
                m -> m.group(1)
                        + (m.group(2).startsWith("\\\"")
                                ? "\\\"" + MASK + "\\\""
                                : m.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK));
    }

    /** {@link #text(String)}, and every occurrence of each of {@code exact} (values of 4+ characters) masked too. */
    public static String text(String text, Collection<String> exact) {
        String s = text;
        for (String secret : exact) {
            if (secret != null && secret.length() >= 4) {
                s = s.replace(secret, MASK);
            }
        }
        return text(s);
    }

    /** A URL (or list of URLs) for display: user-info and presigned-URL query parameters masked. */
    public static String url(String url) {
        return replace(QUERY_SECRET, replace(USER_INFO, url, m -> m.group(1) + MASK + "@"), m -> m.group(1) + MASK);
    }

    /** Each of {@code urls} through {@link #url(String)}. */
    public static List<String> urls(List<String> urls) {
        List<String> out = new ArrayList<>(urls.size());
        for (String u : urls) {
            out.add(url(u));
        }
        return out;
    }

    /**
     * {@code conf} ({@code k=v} pairs separated by white space, as in {@code %spark_conf}) for display, with the
     * values of secret-looking keys masked and the rest through {@link #text(String)}. Linear in the length.
     */
    public static String conf(String conf) {
        StringBuilder sb = new StringBuilder(conf.length());
        int i = 0;
        int n = conf.length();
        while (i < n) {
            int start = i;
            boolean space = Character.isWhitespace(conf.charAt(i));
            while (i < n && Character.isWhitespace(conf.charAt(i)) == space) {
                i++;
            }
            String token = conf.substring(start, i);
            int eq = space ? -1 : token.indexOf('=');
            if (eq > 0 && isSecretKey(token.substring(0, eq))) {
                sb.append(token, 0, eq + 1).append(MASK);
            } else {
                sb.append(space ? token : url(token));
            }
        }
        return sb.toString();
    }

    /**
     * A copy of {@code options} for display: values of secret-looking keys, at any depth of nested objects, become
     * {@link #MASK}; strings elsewhere go through {@link #url(String)}.
     */
    public static Map<String, @Nullable Object> map(Map<String, ? extends @Nullable Object> options) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : value(v)));
        return out;
    }

    private static @Nullable Object value(@Nullable Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return map(copy);
        }
        if (v instanceof List<?> l) {
            List<@Nullable Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(value(x)));
            return copy;
        }
        return v instanceof String s ? url(s) : v;
    }

    private interface Replacer {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String s, Replacer r) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int last = 0;
        do {
            sb.append(s, last, m.start()).append(r.apply(m));
            last = m.end();
        } while (m.find());
        return sb.append(s, last, s.length()).toString();
    }
}
