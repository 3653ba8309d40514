package dev.glivy.glue.internal;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import dev.glivy.internal.Redaction;
import dev.glivy.internal.SettingParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which AWS clients a session needs: region, Glue endpoint, credentials profile and role to assume. Values given to
 * the transport's builder win over the session configuration ({@code %region}, {@code %endpoint}, {@code %profile});
 * {@code %%assume_role} comes from the configuration only. A transport keeps one set of clients per distinct value.
 *
 * @param region the region, or {@code null} for the SDK's default region chain
 * @param endpoint the Glue endpoint, or {@code null} for the regional one
 * @param profile the credentials profile, or {@code null}
 * @param assumeRole the role ARN to assume, or {@code null}
 */
public record ClientSettings(
        @Nullable String region,
        @Nullable URI endpoint,
        @Nullable String profile,
        @Nullable String assumeRole) {

    /** The settings from the builder alone. */
    public static ClientSettings of(Options o) {
        return of(o, null);
    }

    /** The settings for a session configuration ({@code null}: builder values only). */
    public static ClientSettings of(Options o, @Nullable SessionConfig c) {
        if (o.clientPassedIn()) {
            return new ClientSettings(o.region(), o.endpoint(), null, null);
        }
        if (c == null) {
            return new ClientSettings(o.region(), o.endpoint(), o.credentials() != null ? null : o.profile(), null);
        }
        String region = o.region() != null ? o.region() : c.region().orElse(null);
        URI endpoint = o.endpoint() != null
                ? o.endpoint()
                : c.endpoint().map(ClientSettings::uri).orElse(null);
        String profile = o.credentials() != null
                ? null
                : o.profile() != null ? o.profile() : c.profile().orElse(null);
        return new ClientSettings(region, endpoint, profile, c.assumeRole().orElse(null));
    }

    /** {@link #ignored}, and {@code %session_language r}, which Glue does not run. */
    public static List<String> unsupported(Options o, SessionConfig c) {
        List<String> out = new ArrayList<>(ignored(o, c));
        c.language()
                .filter(l -> l == Language.R)
                .ifPresent(l -> out.add("%session_language r is not supported: " + GlueLanguages.refusal(l)));
        return out;
    }

    /**
     * The settings of {@code c} that the transport cannot honour because the builder fixed them, each as a sentence.
     */
    public static List<String> ignored(Options o, SessionConfig c) {
        List<String> out = new ArrayList<>();
        if (o.clientPassedIn()) {
            String why = " is ignored: the Glue client passed to GlueClientConfig.glueClient(...) fixes region, "
                    + "endpoint and credentials";
            c.region().ifPresent(r -> out.add("%region " + shown(r) + why));
            c.endpoint().ifPresent(e -> out.add("%endpoint " + shown(e) + why));
            c.profile().ifPresent(p -> out.add("%profile " + shown(p) + why));
            c.assumeRole()
                    .ifPresent(a -> out.add("%%assume_role "
                            + (a.startsWith("arn:") ? shown(a) : "(value not shown: it may be a credential)") + why));
            return out;
        }
        c.region()
                .filter(r -> o.region() != null && !r.equals(o.region()))
                .ifPresent(r -> out.add(
                        "%region " + shown(r) + " is ignored: GlueClientConfig.region(" + o.region() + ") wins"));
        c.endpoint()
                .filter(e -> o.endpoint() != null && !o.endpoint().equals(uri(e)))
                .ifPresent(e -> out.add("%endpoint " + shown(e) + " is ignored: GlueClientConfig.endpointOverride("
                        + Redaction.url(String.valueOf(o.endpoint())) + ") wins"));
        c.profile()
                .filter(p -> o.credentials() != null)
                .ifPresent(p -> out.add("%profile " + shown(p)
                        + " is ignored: the credentials provider passed to GlueClientConfig.credentialsProvider(...) "
                        + "wins"));
        c.profile()
                .filter(p -> o.credentials() == null && o.profile() != null && !p.equals(o.profile()))
                .ifPresent(p -> out.add(
                        "%profile " + shown(p) + " is ignored: GlueClientConfig.profile(" + o.profile() + ") wins"));
        return out;
    }

    /** A value for a message: secrets masked, clipped to 100 characters. */
    private static String shown(String v) {
        return SettingParser.clip(Redaction.text(v), 100);
    }

    /** {@code text} as a URI, or {@code null} when it is not one (core's validation reports that). */
    private static @Nullable URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The Glue endpoint for messages (credentials removed), or the regional one, or a note on the SDK default. */
    public String endpointForDisplay() {
        if (endpoint != null) {
            return Redaction.url(endpoint.toString());
        }
        return region == null ? "AWS Glue (SDK default region)" : "https://glue." + region + ".amazonaws.com";
    }

    /** A short description for messages, for example {@code "region us-east-1"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("region ").append(Objects.requireNonNullElse(region, "(SDK default)"));
        if (endpoint != null) {
            sb.append(", endpoint ").append(Redaction.url(endpoint.toString()));
        }
        if (profile != null) {
            sb.append(", profile ").append(profile);
        }
        if (assumeRole != null) {
            sb.append(", assuming ").append(assumeRole);
        }
        return sb.toString();
    }
}
