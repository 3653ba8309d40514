package dev.glivy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one profile of an AWS config file ({@code [default]} or {@code [profile name]}, also the credentials-file
 * form {@code [name]}), as the Glue kernel does, to find {@code glue_*} keys. Only keys starting with {@code glue_}
 * plus {@code region} are kept, so secrets in the file are never read into Glivy. Indented lines (nested
 * sub-properties and continuations) are skipped, as the AWS CLI treats them as part of the key above.
 */
public final class AwsConfigFile {
    private AwsConfigFile() {}

    /** The {@code glue_*} and {@code region} keys of {@code profile}; empty when the file or profile is missing. */
    public static Map<String, String> read(Path file, String profile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read AWS config file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, profile);
    }

    /** Parses the lines of a config file. */
    public static Map<String, String> parse(List<String> lines, String profile) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inProfile = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0))) {
                continue; // a nested sub-property (s3 =\n  key = value) or a continuation, never a glue_ key
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                if (name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).strip();
                }
                inProfile = name.equals(profile);
                continue;
            }
            int eq = line.indexOf('=');
            if (inProfile && eq > 0) {
                String key = line.substring(0, eq).strip();
                if (key.startsWith("glue_") || key.equals("region")) {
                    out.put(key, line.substring(eq + 1).strip());
                }
            }
        }
        return out;
    }
}
