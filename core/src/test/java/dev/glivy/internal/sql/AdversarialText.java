package dev.glivy.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of query texts built to break code generation: every quoting and escaping construct of Python
 * and Scala, string interpolation, control characters, NUL, non-BMP characters, line and paragraph separators, and
 * (rarely) very long texts. Always valid UTF-16 (surrogates only in pairs).
 */
public final class AdversarialText {
    private static final String[] FRAGMENTS = {
        "\"",
        "'",
        "\"\"\"",
        "'''",
        "\\",
        "\\\\",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\0",
        "\\u0000",
        "\\x00",
        "\\N{BULLET}",
        "${x}",
        "s\"${sys.exit(1)}\"",
        "{x}",
        "{{",
        "}}",
        "f\"{x}\"",
        "%s",
        "%(x)s",
        "#",
        "//",
        "/*",
        "*/",
        "--",
        "\uD83D\uDE00",
        "\uD834\uDD1E",
        "\u00e9",
        "\u4e2d\u6587",
        "\u2028",
        "\u2029",
        "\u0085",
        "\uFEFF",
        "\u0007",
        "\");",
        "');",
        "\"\"\" + exit() + \"\"\"",
        "\\u0022",
        "\\\"",
        "select 1",
        " ",
        "=",
        "+",
        "/",
        "A",
        "$$",
        "\u00a0",
        "\u202e",
        "`",
        "\\n",
        "\\'",
        "]])",
        "\")\nprint(1)\n(\"",
    };

    private AdversarialText() {}

    /** {@code count} texts from {@code seed}. */
    public static List<String> texts(long seed, int count) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(text(r, r.nextInt(20) == 0 ? 20_000 : 1 + r.nextInt(60)));
        }
        return out;
    }

    /** One text of about {@code parts} fragments and random code points. */
    public static String text(Random r, int parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            int kind = r.nextInt(4);
            if (kind < 2) {
                b.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
            } else if (kind == 2) {
                b.append((char) (0x20 + r.nextInt(0x5f)));
            } else {
                int cp = r.nextInt(0x10FFFF + 1);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                b.appendCodePoint(cp);
            }
        }
        String s = b.toString();
        return s.isBlank() ? s + "x" : s;
    }
}
