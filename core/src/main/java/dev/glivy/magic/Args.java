package dev.glivy.magic;

import dev.glivy.internal.Json;
import dev.glivy.internal.SettingParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Argument checks and text forms shared by the magic records, so every record normalises and renders the same way
 * (values stripped, one line, no control characters; lists non-empty).
 */
final class Args {
    private Args() {}

    /** {@code value} stripped; it must be non-empty, one line and free of control characters (tabs allowed). */
    static String text(String magic, String value) {
        Objects.requireNonNull(value, () -> magic + " must not be null");
        return SettingParser.singleLine(magic, value.strip());
    }

    /** An immutable copy of {@code items}, each checked like {@link #text}; at least one item. */
    static List<String> list(String magic, List<String> items) {
        Objects.requireNonNull(items, () -> magic + " must not be null");
        if (items.isEmpty()) {
            throw new IllegalArgumentException(magic + " needs at least one item");
        }
        List<String> out = new ArrayList<>(items.size());
        for (String item : items) {
            out.add(text(magic + " item", item));
        }
        return List.copyOf(out);
    }

    /** {@code d} when it is whole minutes that fit an {@code int}. */
    static Duration minutes(String magic, Duration d) {
        Objects.requireNonNull(d, () -> magic + " must not be null");
        long m = d.toMinutes();
        if (!d.equals(Duration.ofMinutes(m)) || m > Integer.MAX_VALUE || m < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(magic + " must be a whole number of minutes (an int) but was " + d);
        }
        return d;
    }

    /** Throws unless {@code arg} is empty: for magics without an argument. */
    static void none(String magic, String arg) {
        if (!arg.isBlank()) {
            throw new IllegalArgumentException(
                    magic + " takes no argument but got " + SettingParser.quote(arg.strip()));
        }
    }

    /** {@code %name argument}, or {@code %name} when the argument is empty. */
    static String line(String name, String argument) {
        return argument.isEmpty() ? "%" + name : "%" + name + " " + argument;
    }

    /** {@code %%name}, a line break and the body. */
    static String cell(String name, String body) {
        return "%%" + name + "\n" + body;
    }

    /** A list as comma text, or as a JSON array when an item holds a comma or the text would start with {@code [}. */
    static String list(List<String> items) {
        boolean json = items.get(0).startsWith("[");
        for (String item : items) {
            json |= item.indexOf(',') >= 0;
        }
        return json ? Json.write(items) : String.join(",", items);
    }
}
