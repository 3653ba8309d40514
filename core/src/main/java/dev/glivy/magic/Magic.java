package dev.glivy.magic;

/**
 * One magic of the AWS Glue interactive-sessions Jupyter kernel as a typed value: a line magic such as
 * {@code %idle_timeout 30} or a cell magic such as {@code %%configure} followed by its body. A magic either
 * configures the next session ({@link ConfigMagic}) or acts on a running one ({@link ActionMagic}); test for the two
 * sealed interfaces to handle each kind.
 *
 * <p>Every magic renders back to text that parses to an equal magic: {@code Magics.parse(m.render()).equals(m)}.
 *
 * <p>Implementations are immutable records; thread-safe.
 */
public sealed interface Magic permits ConfigMagic, ActionMagic {

    /** The magic's name without {@code %} or {@code %%}, for example {@code "idle_timeout"}. */
    String name();

    /**
     * Whether this is a cell magic ({@code %%name} on the first line, the rest of the cell is its body) rather than a
     * line magic ({@code %name argument}).
     */
    boolean isCellMagic();

    /**
     * The magic as notebook text, for example {@code "%idle_timeout 30"} or {@code "%%tags\n{\"team\":\"data\"}"}.
     * Parsing it gives an equal magic. The text holds values as given: do not log the render of a
     * {@code %%configure} whose options hold secrets ({@link Object#toString()} masks them).
     */
    String render();
}
