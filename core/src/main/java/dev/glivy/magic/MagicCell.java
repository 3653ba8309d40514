package dev.glivy.magic;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Notebook cell text split into its magics and the code after them. (Interim version: line magics that set a
 * setting only; the full typed model replaces it.)
 */
public final class MagicCell {
    private final List<String[]> settings;
    private final String code;

    private MagicCell(List<String[]> settings, String code) {
        this.settings = settings;
        this.code = code;
    }

    /** Parses cell text. */
    public static MagicCell parse(String text) {
        List<String[]> s = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (code.length() == 0 && l.startsWith("%") && !l.startsWith("%%")) {
                int sp = l.indexOf(' ');
                s.add(new String[] {sp < 0 ? l.substring(1) : l.substring(1, sp), sp < 0 ? "" : l.substring(sp + 1)});
            } else if (code.length() > 0 || !l.isEmpty()) {
                code.append(line).append('\n');
            }
        }
        return new MagicCell(s, code.toString());
    }

    /** The code after the magics. */
    public String code() {
        return code;
    }

    /** Applies the configuration magics to {@code config}. */
    public void applyTo(SessionConfig.Builder config) {
        List<String> problems = new ArrayList<>();
        for (String[] m : settings) {
            try {
                Setting st = Setting.of(m[0]);
                config.set(st, SettingParser.parse(st, m[1]));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
