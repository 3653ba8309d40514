package dev.glivy.magic;

/**
 * {@code %status}: show the current session's id, state, role, version, workers, timeouts and tags ({@code
 * InteractiveSession.info()}).
 *
 * <p>Immutable; all instances are equal.
 */
public record StatusMagic() implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "status";

    static StatusMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new StatusMagic();
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
