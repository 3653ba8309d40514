package dev.glivy.glue.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Hides values that look like secrets (passwords, keys, tokens) before they are shown or logged. */
public final class Redaction {
    private static final Pattern SECRET = Pattern.compile(
            "password|passwd|secret|token|credential|access[._-]?key|private[._-]?key|session[._-]?key",
            Pattern.CASE_INSENSITIVE);
    /** What replaces a hidden value. */
    public static final String HIDDEN = "****";

    private Redaction() {}

    /** {@code value}, or {@link #HIDDEN} when the key or the value mentions a secret. */
    public static String redact(String key, String value) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find() || SECRET.matcher(value).find() ? HIDDEN : value;
    }
}
