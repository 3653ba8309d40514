package dev.glivy.glue.internal;

import dev.glivy.Language;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glue statements have no SQL kind, so a SQL statement is sent as one line of code in the session's language that
 * runs the query with {@code spark.sql(...)} and shows the result as a text table, like the Glue kernel's
 * {@code %%sql}. The query travels base64-encoded (alphabet {@code [A-Za-z0-9+/=]}), so no quote, triple quote,
 * backslash or newline in it can break out of the string literal. {@link #query(String)} recognises the generated
 * code again, so a submission whose answer was lost can be reconciled ({@code GlueTransport.echoes}).
 */
public final class SqlCode {
    private static final String PY_PREFIX = "spark.sql(__import__(\"base64\").b64decode(\"";
    private static final String PY_SUFFIX = "\").decode(\"utf-8\")).show()";
    private static final String SCALA_PREFIX = "spark.sql(new String(java.util.Base64.getDecoder.decode(\"";
    private static final String SCALA_SUFFIX = "\"), java.nio.charset.StandardCharsets.UTF_8)).show()";
    private static final Pattern GENERATED =
            Pattern.compile("(?:" + Pattern.quote(PY_PREFIX) + "|" + Pattern.quote(SCALA_PREFIX)
                    + ")([A-Za-z0-9+/=]*)(?:" + Pattern.quote(PY_SUFFIX) + "|" + Pattern.quote(SCALA_SUFFIX) + ")");

    private SqlCode() {}

    /** The code that runs {@code query} in a session of {@code sessionLanguage} (Python or Scala). */
    public static String code(String query, Language sessionLanguage) {
        String b64 = Base64.getEncoder().encodeToString(query.getBytes(StandardCharsets.UTF_8));
        if (sessionLanguage == Language.SCALA) {
            return SCALA_PREFIX + b64 + SCALA_SUFFIX;
        }
        return PY_PREFIX + b64 + PY_SUFFIX;
    }

    /** The query of code made by {@link #code}, or empty when {@code code} is anything else. */
    public static Optional<String> query(String code) {
        Matcher m = GENERATED.matcher(code);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
