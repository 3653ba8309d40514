package dev.glivy.glue.internal;

import dev.glivy.Language;

/**
 * The languages Glue runs as a session's or a job's language, Python and Scala (SQL runs through them), and the one
 * sentence refusing the others: R, and SQL as a job's language. Used by the transport's
 * {@code unsupportedSettings}, by CreateSession and by the job mapping. Pure functions; thread-safe.
 */
public final class GlueLanguages {
    private GlueLanguages() {}

    /** Whether Glue runs {@code language} as a session's or job's language. */
    public static boolean supported(Language language) {
        return language == Language.PYTHON || language == Language.SCALA;
    }

    /** Why {@code language} (not {@link #supported}) cannot be a Glue session's or job's language, and what to do. */
    public static String refusal(Language language) {
        return "Glue runs python or scala code (and SQL through them), not " + language.label()
                + "; set the session language to python or scala";
    }
}
