package dev.glivy.magic;

import java.util.function.Function;

/**
 * What Glivy knows about one magic name: its form, its help text and how to read it. Package-private: the table
 * lives in {@link Magics}.
 *
 * @param group the help section
 * @param name the name without {@code %}
 * @param cell whether it is a cell magic
 * @param usage the argument or body, for help, for example {@code "<minutes>"}
 * @param type the value's type, for help
 * @param defaults the default, for help
 * @param description what it does, for help
 * @param parser reads the (stripped) argument or body; throws {@link IllegalArgumentException} naming the problem
 */
record MagicSpec(
        Group group,
        String name,
        boolean cell,
        String usage,
        String type,
        String defaults,
        String description,
        Function<String, Magic> parser) {

    /** Help sections, in display order. */
    enum Group {
        SESSION("Session"),
        SESSION_TYPE("Session type"),
        RESOURCES("Workers and libraries"),
        CELL("Cell magics (%%name on the first line, the body on the next lines)"),
        ACTION("Actions on a running session");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    /** How the magic is written: {@code %name <usage>} or {@code %%name} then the body. */
    String synopsis() {
        return cell ? "%%" + name + "  " + usage : "%" + name + (usage.isEmpty() ? "" : " " + usage);
    }
}
