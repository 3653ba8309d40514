package dev.glivy.magic;

/**
 * {@code %reconnect <session id>}: switch to another live session without stopping the current one
 * ({@code SessionBuilder.attach(id)}).
 *
 * <p>Immutable.
 *
 * @param sessionId the id of the session to attach to, stripped; one line
 */
public record ReconnectMagic(String sessionId) implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "reconnect";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the id is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public ReconnectMagic {
        sessionId = Args.text("%" + NAME + " (session id)", sessionId);
    }

    static ReconnectMagic parse(String argument) {
        return new ReconnectMagic(argument);
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
        return Args.line(NAME, sessionId);
    }
}
