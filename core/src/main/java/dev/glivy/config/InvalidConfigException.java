package dev.glivy.config;

import java.util.List;

/**
 * A configuration or magic text has one or more problems. The message lists the first {@value #MAX_LISTED} of them
 * (each clipped to {@value #MAX_PROBLEM_CHARS} characters) and says how many more there are, so a hostile input
 * cannot make a huge message; {@link #problems()} holds the first {@value #MAX_KEPT}. Each names the setting (magic),
 * the bad value (secrets masked) and what is allowed.
 *
 * <p>Immutable, so thread-safe.
 */
public class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Most problems the message lists. */
    public static final int MAX_LISTED = 30;
    /** Most characters of one problem in the message. */
    public static final int MAX_PROBLEM_CHARS = 1000;
    /** Most problems {@link #problems()} keeps. */
    public static final int MAX_KEPT = 1000;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one complete sentence per problem; must not be empty
     */
    public InvalidConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems.size() > MAX_KEPT ? problems.subList(0, MAX_KEPT) : problems);
    }

    /** Each problem as one sentence (at most the first {@value #MAX_KEPT}). */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + clip(problems.get(0));
        }
        StringBuilder sb = new StringBuilder("Invalid configuration (" + problems.size() + " problems):");
        for (int i = 0; i < Math.min(MAX_LISTED, problems.size()); i++) {
            sb.append("\n  - ").append(clip(problems.get(i)));
        }
        if (problems.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more problems");
        }
        return sb.toString();
    }

    private static String clip(String p) {
        return p.length() <= MAX_PROBLEM_CHARS
                ? p
                : p.substring(0, MAX_PROBLEM_CHARS) + "...(" + p.length() + " characters)";
    }
}
