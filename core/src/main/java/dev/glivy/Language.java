package dev.glivy;

import java.util.Locale;

/**
 * The language of a statement. Each transport supports a subset (see {@code SessionTransport#languages()}); submitting
 * a statement in an unsupported language fails before anything is sent.
 *
 * <p>Immutable.
 */
public enum Language {
    /** PySpark code ({@code pyspark} on Livy; the default for Glue sessions). */
    PYTHON("python"),
    /** Scala code ({@code spark} on Livy; Glue sessions created with {@code --session-language scala}). */
    SCALA("scala"),
    /** Spark SQL ({@code sql} on Livy; Spark SQL on the local transport). */
    SQL("sql"),
    /** SparkR code ({@code sparkr} on Livy). */
    R("r");

    private final String label;

    Language(String label) {
        this.label = label;
    }

    /** The lower-case name used in magics and messages, for example {@code "scala"}. */
    public String label() {
        return label;
    }

    /**
     * Parses a language name, case-insensitively. Accepts the labels and the Livy kinds ({@code spark},
     * {@code pyspark}, {@code sparkr}).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Language of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "python":
            case "pyspark":
                return PYTHON;
            case "scala":
            case "spark":
                return SCALA;
            case "sql":
                return SQL;
            case "r":
            case "sparkr":
                return R;
            default:
                throw new IllegalArgumentException("language must be one of python, scala, sql, r (or the Livy kinds "
                        + "pyspark, spark, sparkr) but was '" + name + "'");
        }
    }
}
