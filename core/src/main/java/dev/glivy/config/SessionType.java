package dev.glivy.config;

import dev.glivy.internal.SettingParser;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Glue session type and its {@code Command.Name}: {@link #ETL} ({@code glueetl}, the default) or
 * {@link #STREAMING} ({@code gluestreaming}). {@link #of(String)} accepts the pretty names, the command names and,
 * for forward compatibility, any other well-formed {@code glue*} command name.
 *
 * <p>Immutable.
 */
public final class SessionType {
    /** Spark ETL, command {@code glueetl}. */
    public static final SessionType ETL = new SessionType("etl", "glueetl");
    /** Spark streaming, command {@code gluestreaming}. */
    public static final SessionType STREAMING = new SessionType("streaming", "gluestreaming");

    private static final List<SessionType> KNOWN = List.of(ETL, STREAMING);
    private static final Pattern COMMAND = Pattern.compile("glue[a-z]+");

    private final String name;
    private final String command;

    private SessionType(String name, String command) {
        this.name = name;
        this.command = command;
    }

    /**
     * Parses {@code etl}, {@code streaming}, {@code glueetl}, {@code gluestreaming} (case-insensitive, with or
     * without spaces/underscores, as the Glue kernel accepts "Spark ETL"), or another {@code glue<name>} command.
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static SessionType of(String value) {
        Objects.requireNonNull(value, "session_type must not be null");
        String v = value.trim()
                .toLowerCase(Locale.ROOT)
                .replace(" ", "")
                .replace("_", "")
                .replace("-", "");
        if (v.startsWith("spark")) {
            v = v.substring("spark".length());
        }
        for (SessionType t : KNOWN) {
            if (t.name.equals(v) || t.command.equals(v)) {
                return t;
            }
        }
        if (COMMAND.matcher(v).matches()) {
            return new SessionType(v.substring(4), v);
        }
        throw new IllegalArgumentException("session_type must be one of etl, streaming (or the command names glueetl, "
                + "gluestreaming) but was " + SettingParser.quote(value));
    }

    /** The known types. */
    public static List<SessionType> known() {
        return KNOWN;
    }

    /** The short name used by {@code %session_type}, for example {@code "etl"}. */
    public String name() {
        return name;
    }

    /** The Glue {@code Command.Name}, for example {@code "glueetl"}. */
    public String command() {
        return command;
    }

    /** {@code true} for {@link #ETL} and {@link #STREAMING}. */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionType t && t.command.equals(command);
    }

    @Override
    public int hashCode() {
        return command.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
