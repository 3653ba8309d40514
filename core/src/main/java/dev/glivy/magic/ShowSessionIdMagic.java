package dev.glivy.magic;

/**
 * {@code %session_id} without an argument: show the current session's id. With an argument it is the configuration
 * magic {@link SessionIdMagic}.
 *
 * <p>Immutable; all instances are equal.
 */
public record ShowSessionIdMagic() implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "session_id";

    static ShowSessionIdMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new ShowSessionIdMagic();
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
