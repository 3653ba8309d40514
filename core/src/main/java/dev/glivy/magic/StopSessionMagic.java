package dev.glivy.magic;

/**
 * {@code %stop_session}: stop the current session ({@code InteractiveSession.close()}); the next statement needs a
 * new one.
 *
 * <p>Immutable; all instances are equal.
 */
public record StopSessionMagic() implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "stop_session";

    static StopSessionMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new StopSessionMagic();
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
