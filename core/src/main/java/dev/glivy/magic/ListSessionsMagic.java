package dev.glivy.magic;

/**
 * {@code %list_sessions}: list the sessions the caller can see, all pages
 * ({@link dev.glivy.SessionAdmin#listSessions()}; {@code Notebook} runs it without building a session).
 *
 * <p>Immutable; all instances are equal.
 */
public record ListSessionsMagic() implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "list_sessions";

    static ListSessionsMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new ListSessionsMagic();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String render() {
        return Args.line(NAME, "");
    }
}
