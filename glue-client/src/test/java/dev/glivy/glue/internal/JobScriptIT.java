package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glivy.Language;
import dev.glivy.internal.sql.AdversarialText;
import dev.glivy.notebook.NotebookFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job script converter: golden files for a PySpark and a Scala notebook, and a property test with adversarial
 * SQL and cell text whose scripts must parse with this machine's {@code python3} ({@code ast.parse}) and compile with
 * scalac 2.12 (against real Spark from the test class path and a stand-in for the three Glue classes a script uses),
 * with every query decoded back exactly from the script. An integration test because it starts python3 and scalac.
 */
class JobScriptIT {
    private static final Pattern SQL_CALL =
            Pattern.compile("(?:_glivy_sql|glivySql)\\(\\n((?:\\s*\"[A-Za-z0-9+/=]*\",?\\n)+)\\s*\\)\\.show\\(\\)");
    private static final Pattern CHUNK = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");
    private static final String GLUE_STAND_IN = """
            package com.amazonaws.services.glue {
              class GlueContext(sc: org.apache.spark.SparkContext) {
                def getSparkSession: org.apache.spark.sql.SparkSession = null
              }
            }
            package com.amazonaws.services.glue.util {
              object GlueArgParser {
                def getResolvedOptions(args: Array[String], options: Array[String]): Map[String, String] = Map.empty
              }
              object Job {
                def init(name: String, gc: com.amazonaws.services.glue.GlueContext,
                    args: java.util.Map[String, String]): Unit = ()
                def commit(): Unit = ()
              }
            }
            """;

    @TempDir
    Path dir;

    static JobMapper.Parsed parsed(String name) throws IOException {
        try (InputStream in = JobScriptIT.class.getResourceAsStream("/dev/glivy/glue/jobs/" + name)) {
            return JobMapper.parse(NotebookFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
        }
    }

    static String golden(String name) throws IOException {
        try (InputStream in = JobScriptIT.class.getResourceAsStream("/dev/glivy/glue/jobs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void checkGolden(String name, String actual) throws IOException {
        String expected = golden(name);
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("golden %s (actual written to target/golden-actual)", name)
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("the PySpark notebook converts to the golden Python script")
    void pythonGolden() throws IOException {
        JobMapper.Parsed p = parsed("sales.ipynb");
        checkGolden("sales.py", JobScript.write(p.language(), p.parts()));
    }

    @Test
    @DisplayName("the seed notebook (glue_spark) converts to the golden Scala GlueApp")
    void scalaGolden() throws IOException {
        JobMapper.Parsed p = parsed("populations.ipynb");
        checkGolden("populations.scala", JobScript.write(p.language(), p.parts()));
    }

    @Test
    @DisplayName("the golden scripts parse: python3 ast.parse and scalac against Spark")
    void goldenScriptsParse() throws Exception {
        assertPythonParses(List.of(golden("sales.py")));
        assertScalaCompiles(List.of(golden("populations.scala")));
    }

    /** Cells that are valid on their own but stress what comes between cells. */
    private static List<JobScript.Part> pythonParts(Random r, int n) {
        List<JobScript.Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = AdversarialText.text(r, 1 + r.nextInt(30));
            String code =
                    switch (r.nextInt(7)) {
                        case 0 -> "# " + noLineBreaks(text).replace("\0", "");
                        case 1 -> "if True:\n    x = 1\n    # trailing comment \\";
                        case 2 -> "s = \"" + pythonEscape(text) + "\"";
                        case 3 -> "def f():\n    return '''" + pythonEscape(text) + "'''";
                        case 4 -> "x = 5 % 3  # %%sql and %magic inside code are code\nclass C:\n    pass";
                        case 5 -> "@staticmethod\ndef g():\n    pass";
                        default -> "";
                    };
            parts.add(code.isEmpty() ? new JobScript.Part(i, "", text) : new JobScript.Part(i, code, null));
        }
        return parts;
    }

    private static List<JobScript.Part> scalaParts(Random r, int n) {
        List<JobScript.Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = AdversarialText.text(r, 1 + r.nextInt(30));
            // scalac refuses bidirectional controls and reads backslash-u escapes even in comments: a cell with them is
            // not valid Scala on its own, so they are left out of cells (never out of SQL)
            String safe = noLineBreaks(text)
                    .replace("\\u", "u")
                    .replace("\0", "")
                    .replaceAll("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "?");
            String code =
                    switch (r.nextInt(7)) {
                        case 0 -> "// " + safe;
                        case 1 -> "val s" + i + " = \"\"\"" + safe.replace("\"", "'") + "\"\"\"";
                        case 2 -> "/* " + safe.replace("*/", "").replace("/*", "") + " */";
                        case 3 -> "println(\"a\")";
                        case 4 -> "{\n  val y = 2\n  println(y)\n}";
                        case 5 ->
                            "import java.util.UUID\ncase class P" + i + "(x: Int)\nval p" + i + " = P" + i + "(1)";
                        default -> "";
                    };
            parts.add(code.isEmpty() ? new JobScript.Part(i, "", text) : new JobScript.Part(i, code, null));
        }
        return parts;
    }

    private static String noLineBreaks(String s) {
        return s.replace("\r", " ").replace("\n", " ");
    }

    private static String pythonEscape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '\'') {
                b.append((char) c);
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.toString();
    }

    /** The queries the script embeds, decoded. */
    static List<String> decodedQueries(String script) {
        List<String> out = new ArrayList<>();
        Matcher m = SQL_CALL.matcher(script);
        while (m.find()) {
            StringBuilder all = new StringBuilder();
            Matcher c = CHUNK.matcher(m.group(1));
            while (c.find()) {
                all.append(c.group(1));
            }
            out.add(new String(Base64.getDecoder().decode(all.toString()), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    @DisplayName("adversarial SQL and cell text never escape: scripts parse with python3 and scalac, and every "
            + "query decodes back exactly")
    void adversarial() throws Exception {
        Random r = new Random(13);
        List<String> python = new ArrayList<>();
        List<String> scala = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            List<JobScript.Part> pp = pythonParts(r, 1 + r.nextInt(8));
            List<JobScript.Part> sp = scalaParts(r, 1 + r.nextInt(8));
            if (k == 0) {
                pp.add(new JobScript.Part(99, "", AdversarialText.text(r, 12_000)));
                sp.add(new JobScript.Part(99, "", AdversarialText.text(r, 12_000)));
            }
            String py = JobScript.write(Language.PYTHON, pp);
            String sc = JobScript.write(Language.SCALA, sp).replace("object GlueApp {", "object GlueApp" + k + " {");
            assertThat(decodedQueries(py))
                    .containsExactlyElementsOf(pp.stream()
                            .filter(p -> p.sql() != null)
                            .map(JobScript.Part::sql)
                            .toList());
            assertThat(decodedQueries(sc))
                    .containsExactlyElementsOf(sp.stream()
                            .filter(p -> p.sql() != null)
                            .map(JobScript.Part::sql)
                            .toList());
            python.add(py);
            scala.add(sc);
        }
        assertPythonParses(python);
        assertScalaCompiles(scala);
    }

    private void assertPythonParses(List<String> scripts) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "python3",
                "-c",
                "import ast,sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)"));
        for (int i = 0; i < scripts.size(); i++) {
            Path f = dir.resolve("script" + i + ".py");
            Files.writeString(f, scripts.get(i), StandardCharsets.UTF_8);
            cmd.add(f.toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python3 ast.parse: %s", out).isZero();
    }

    private void assertScalaCompiles(List<String> scripts) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-nowarn",
                "-usejavacp",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                Files.createDirectories(dir.resolve("classes")).toString()));
        Path standIn = dir.resolve("GlueStandIn.scala");
        Files.writeString(standIn, GLUE_STAND_IN, StandardCharsets.UTF_8);
        args.add(standIn.toString());
        for (int i = 0; i < scripts.size(); i++) {
            Path f = dir.resolve("Script" + i + ".scala");
            Files.writeString(f, scripts.get(i), StandardCharsets.UTF_8);
            args.add(f.toString());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean ok;
        try (PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            String[] a = args.toArray(String[]::new);
            ok = scala.Console.<Boolean>withErr(
                    capture,
                    () -> scala.Console.<Boolean>withOut(capture, () -> scala.tools.nsc.Main$.MODULE$.process(a)));
        }
        assertThat(ok).as("scalac: %s", log.toString(StandardCharsets.UTF_8)).isTrue();
    }
}
