package dev.glivy.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a program is on this machine's {@code PATH}, for tests that run real tools (python3) when present. */
public final class Executables {
    private Executables() {}

    /** Whether an executable file named {@code exe} is in a directory of {@code PATH}. */
    public static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
