package dev.glivy.livy.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Livy server version, as {@code GET /version} reports it ({@code "0.7.1-incubating"}). It decides which optional
 * create-session fields the server understands: Livy 0.7 rejects unknown fields with HTTP 400, {@code ttl} exists
 * from 0.8 (an idle timeout there) and {@code idleTimeout} from 0.9 (where {@code ttl} became a lifetime).
 *
 * @param major major version, or -1 when unknown
 * @param minor minor version, or -1 when unknown
 * @param patch patch version, or -1 when unknown
 * @param text the server's own text, or {@code "unknown"}
 */
public record LivyVersion(int major, int minor, int patch, String text) {
    /** A server whose version could not be learned: only fields every Livy since 0.5 knows are sent. */
    public static final LivyVersion UNKNOWN = new LivyVersion(-1, -1, -1, "unknown");

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses a version text; {@link #UNKNOWN} when it holds no {@code major.minor}. */
    public static LivyVersion parse(String text) {
        Matcher m = NUMBERS.matcher(text.strip());
        if (!m.find()) {
            return UNKNOWN;
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new LivyVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text.strip());
    }

    /** Whether the version is known. */
    public boolean known() {
        return major >= 0;
    }

    /** Whether this is a known version at least {@code major.minor}. */
    public boolean atLeast(int wantMajor, int wantMinor) {
        return known() && (major > wantMajor || (major == wantMajor && minor >= wantMinor));
    }

    /** Livy 0.8.x: the create body has {@code ttl}, meaning an idle timeout. */
    public boolean ttlIsIdleTimeout() {
        return atLeast(0, 8) && !atLeast(0, 9);
    }

    /** Livy 0.9 and later: {@code idleTimeout} is the idle timeout and {@code ttl} the lifetime. */
    public boolean hasIdleTimeoutField() {
        return atLeast(0, 9);
    }

    @Override
    public String toString() {
        return text;
    }
}
