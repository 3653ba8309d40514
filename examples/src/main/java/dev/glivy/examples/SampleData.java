package dev.glivy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Copies the bundled sample files to a local directory, so a local Spark (or a Livy server on this machine) can read
 * them. Remote backends need the files where their Spark can read them (for Glue: an S3 location).
 */
final class SampleData {
    private SampleData() {}

    /** Copies {@code names} from the classpath folder {@code data/} into a new temporary directory. */
    static Path extract(String... names) {
        try {
            Path dir = Files.createTempDirectory("glivy-example-data");
            dir.toFile().deleteOnExit();
            for (String name : names) {
                try (InputStream in = Objects.requireNonNull(
                        SampleData.class.getResourceAsStream("/data/" + name), "missing resource data/" + name)) {
                    Path f = dir.resolve(name);
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                    f.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample data: " + e.getMessage(), e);
        }
    }

    /** A path for a new directory that does not exist yet (its parent is a new temporary directory). */
    static String freshDirectory() {
        try {
            Path parent = Files.createTempDirectory("glivy-example-table");
            parent.toFile().deleteOnExit();
            return parent.resolve("populations").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    /** A SQL string literal for {@code text} (single quotes doubled... and backslashes escaped for Spark SQL). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
