package dev.glivy.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether a program is on this machine's {@code PATH}, and running python3 on a script, for tests that run real
 * tools when present.
 */
public final class Executables {
    private Executables() {}

    /** What a program that exited with 0 printed (both decoded as UTF-8). */
    public record Output(String stdout, String stderr) {}

    /**
     * Writes {@code code} to {@code dir/fileName} and runs {@code python3} on it with {@code env} added to the
     * environment; its output goes to files beside the script. Fails (AssertionError, stderr in the message) when it
     * does not finish within {@code limit} (it is then killed) or exits with anything but 0.
     */
    public static Output python3(Path dir, String fileName, String code, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        Path src = dir.resolve(fileName);
        Files.writeString(src, code, StandardCharsets.UTF_8);
        Path out = dir.resolve(fileName + ".out");
        Path err = dir.resolve(fileName + ".err");
        ProcessBuilder pb = new ProcessBuilder("python3", src.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish within " + limit);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("python3 exit code " + p.exitValue() + "; stderr:\n" + stderr);
        }
        return new Output(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

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
