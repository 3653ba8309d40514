package dev.glivy.magic;

/**
 * {@code %help}: show the magic list with types, defaults and descriptions ({@link Magics#help()}).
 *
 * <p>Immutable; all instances are equal.
 */
public record HelpMagic() implements ActionMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "help";

    static HelpMagic parse(String argument) {
        Args.none("%" + NAME, argument);
        return new HelpMagic();
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
