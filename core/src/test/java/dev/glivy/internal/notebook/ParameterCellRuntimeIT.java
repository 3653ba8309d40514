package dev.glivy.internal.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.Language;
import dev.glivy.internal.sql.AdversarialText;
import dev.glivy.testkit.Executables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Injected parameter cells parse and give back exactly the values given, checked by this machine's real
 * {@code python3} (skipped, visibly, without it) and a real Scala 2.12 REPL, for adversarial strings. An integration
 * test because it starts {@code python3} and a Scala compiler; {@link ParameterCellTest} holds the checks that need
 * neither.
 */
class ParameterCellRuntimeIT {
    @TempDir
    Path dir;

    private static List<String> strings() {
        List<String> out = new ArrayList<>(AdversarialText.texts(77L, 40));
        out.add("\"\"\" ''' \\ \\u0022 \\x41 ${x} s\"$y\" \n\r\t \0 \u2028 \uD83D\uDE00 \u00e9");
        out.add("\"); import os; os.system(\"echo pwned\"); x = (\"");
        out.add("\"; System.exit(1); val z = \"");
        out.add("");
        return out;
    }

    private static Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> s = strings();
        for (int i = 0; i < s.size(); i++) {
            p.put("s" + i, s.get(i));
        }
        return p;
    }

    @Test
    @DisplayName("python3 parses the cell and its strings come back exactly")
    void python() throws Exception {
        assumeTrue(Executables.onPath("python3"), "python3 is not on PATH: the Python parameter cell is not checked");
        Map<String, Object> p = parameters();
        p.put("n", 7);
        p.put("big", new BigInteger("123456789012345678901234567890"));
        p.put("d", 0.1);
        p.put("dec", new BigDecimal("12345678901234567890.123456789012345678"));
        p.put("flag", true);
        p.put("nothing", null);
        p.put("nested", Map.of("k", List.of(1, "two")));
        String code = ParameterCell.code(p, Language.PYTHON);
        StringBuilder dump = new StringBuilder(code).append("\nimport json, sys\nsys.stdout.write(json.dumps({");
        for (String k : p.keySet()) {
            dump.append('"')
                    .append(k)
                    .append("\": ")
                    .append(k.equals("dec") || k.equals("big") ? "str(" + k + ")" : k)
                    .append(", ");
        }
        dump.append("}))\n");
        String out = Executables.python3(dir, "params.py", dump.toString(), Map.of(), Duration.ofSeconds(60))
                .stdout();
        JsonNode got = new ObjectMapper().readTree(out);
        List<String> s = strings();
        for (int i = 0; i < s.size(); i++) {
            assertThat(got.get("s" + i).textValue()).as("s" + i).isEqualTo(s.get(i));
        }
        assertThat(got.get("n").intValue()).isEqualTo(7);
        assertThat(got.get("big").textValue()).isEqualTo("123456789012345678901234567890");
        assertThat(got.get("d").doubleValue()).isEqualTo(0.1);
        assertThat(got.get("dec").textValue()).isEqualTo("12345678901234567890.123456789012345678");
        assertThat(got.get("flag").booleanValue()).isTrue();
        assertThat(got.get("nothing").isNull()).isTrue();
        assertThat(got.get("nested").toString()).isEqualTo("{\"k\":[1,\"two\"]}");
    }

    @Test
    @DisplayName("a Scala 2.12 REPL compiles the cell and its strings come back exactly")
    void scala() throws URISyntaxException {
        Settings settings = new Settings();
        settings.processArgumentString("-classpath "
                + Path.of(scala.Predef.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
        StringWriter log = new StringWriter();
        IMain repl = new IMain(settings, new PrintWriter(log, true));
        try {
            Map<String, Object> p = parameters();
            p.put("n", 7L);
            p.put("dec", new BigDecimal("1.50"));
            p.put("xs", List.of(1, 2));
            p.put("nan", Double.NaN);
            String code = ParameterCell.code(p, Language.SCALA);
            assertThat(repl.interpret(code)).as("compiles: %s", log).isEqualTo(Results.Success$.MODULE$);
            List<String> s = strings();
            for (int i = 0; i < s.size(); i++) {
                assertThat(repl.valueOfTerm("s" + i).get()).as("s" + i).isEqualTo(s.get(i));
            }
            assertThat(repl.valueOfTerm("n").get()).isEqualTo(7L);
            assertThat(repl.valueOfTerm("dec").get().toString()).isEqualTo("1.50");
            assertThat(repl.valueOfTerm("xs").get().toString()).isEqualTo("List(1, 2)");
            assertThat((Double) repl.valueOfTerm("nan").get()).isNaN();
        } finally {
            repl.close();
        }
    }
}
