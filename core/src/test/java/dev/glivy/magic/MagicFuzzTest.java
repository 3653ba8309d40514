package dev.glivy.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.glivy.config.InvalidConfigException;
import dev.glivy.config.SessionConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, documented errors out: thousands of seeded random and hostile texts must yield a cell or an
 * {@link InvalidConfigException}/{@link IllegalArgumentException}, never another exception, a stack overflow or a hang.
 * The timeouts below only guard against hangs; they are not speed assertions.
 */
class MagicFuzzTest {
    private static final long SEED = 7_331L;
    private static final int RANDOM_INPUTS = 5000;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final String PIECES = "%%%% \n\n\r\t{}[]\",:'#/\\=-._0123456789eE+aAzZ\u0000\u00e9\u2028\ud83d";

    @Test
    @DisplayName("random strings, random bytes as UTF-8 and mutated magic text only raise documented errors")
    void randomInputs() {
        Random random = new Random(SEED);
        MagicGenerator generator = new MagicGenerator(new Random(SEED + 1));
        List<String> names = Magics.names();
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < RANDOM_INPUTS; i++) {
                String input;
                switch (i % 4) {
                    case 0:
                        input = randomPieces(random, names);
                        break;
                    case 1:
                        byte[] bytes = new byte[random.nextInt(300)];
                        random.nextBytes(bytes);
                        input = new String(bytes, StandardCharsets.UTF_8);
                        break;
                    case 2:
                        input = mutate(random, generator.cell().render());
                        break;
                    default:
                        input = names.get(random.nextInt(names.size())) + " " + randomPieces(random, names);
                        break;
                }
                outcomes[check(input) ? 0 : 1]++;
            }
        });
        // both outcomes must occur, or the generator is not exercising the parser
        assertThat(outcomes[0]).as("inputs that parsed").isGreaterThan(RANDOM_INPUTS / 20);
        assertThat(outcomes[1]).as("inputs refused").isGreaterThan(RANDOM_INPUTS / 20);
    }

    @Test
    @DisplayName("hostile inputs: huge lines, deep and unbalanced JSON, 10k keys, NUL characters")
    void hostileInputs() {
        String digits = "9".repeat(1_000_000);
        List<String> inputs = new ArrayList<>(List.of(
                "%number_of_workers " + digits,
                "%max_capacity " + digits + "x",
                "%max_capacity " + digits,
                "%idle_timeout " + digits,
                "%worker_type G." + digits,
                "%worker_type G." + "1".repeat(100_000) + "Y",
                "%" + "a".repeat(1_000_000),
                "%" + "a".repeat(1_000_000) + " " + "b".repeat(1_000_000),
                "%region " + "x".repeat(1_000_000),
                "%%configure\n" + "[".repeat(200_000),
                "%%configure\n" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
                "%%configure\n{\"a\": [" + "[".repeat(5000) + "]".repeat(5000) + "]}",
                "%%tags\n" + "{".repeat(100_000),
                "%connections " + "[".repeat(100_000),
                "%%configure\n{\"a\": \"" + "x".repeat(1_000_000) + "\"}",
                "%%configure\n{\"a\": 1" + "}".repeat(50_000),
                "%%configure\n{\"a\": " + "1".repeat(5_000) + "}",
                "%%configure\n{\"idle_timeout\": 1e999999999}",
                "%%configure\n{'a': True, \"b\": None}",
                "%\u0000\n%region \u0000\n%%sql\n\u0000",
                "%iam_role a\u0000b\n%profile \u0085\n%tags\u0000",
                "\u0000".repeat(100_000),
                "%etl\n".repeat(100_000),
                "\n".repeat(1_000_000) + "%status",
                ",".repeat(100_000),
                "%extra_jars " + ",".repeat(1_000_000),
                "%%assume_role\n{\"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"s3cr3t\"}"));
        StringBuilder tenK = new StringBuilder("%%configure\n{");
        for (int i = 0; i < 10_000; i++) {
            tenK.append(i == 0 ? "" : ",").append("\"k\\u0000").append(i).append("\": {\"n\": null}");
        }
        inputs.add(tenK.append("}").toString());
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (String input : inputs) {
                check(input);
            }
        });
    }

    /** Parses, renders, re-parses, applies and validates; returns whether the text parsed. */
    private static boolean check(String input) {
        MagicCell cell;
        try {
            cell = MagicCell.parse(input);
        } catch (InvalidConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
            assertThat(e.getMessage().length()).as("message size").isLessThan(200_000);
            assertThat(e.getMessage()).doesNotContain("s3cr3t");
            return false;
        } catch (IllegalArgumentException e) {
            return fail("parse must report problems as InvalidConfigException but threw %s", e);
        } catch (RuntimeException | Error e) {
            return fail("undocumented error for input of length " + input.length(), e);
        }
        try {
            assertThat(MagicCell.parse(cell.render())).isEqualTo(cell);
            SessionConfig.Builder b = SessionConfig.builder();
            try {
                cell.applyTo(b);
            } catch (InvalidConfigException e) {
                assertThat(e.problems()).isNotEmpty();
            }
            b.build().validate();
            b.build().describe();
            cell.config().validate();
            try {
                MagicCell.parseConfiguration(input);
            } catch (InvalidConfigException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        } catch (RuntimeException | Error e) {
            return fail("undocumented error after parsing input of length " + input.length(), e);
        }
        return true;
    }

    private static String randomPieces(Random random, List<String> names) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(random.nextInt(20) == 0 ? 2000 : 60);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(10);
            if (k == 0) {
                sb.append('\n').append(names.get(random.nextInt(names.size()))).append(' ');
            } else if (k == 1) {
                sb.append(random.nextInt());
            } else {
                sb.append(PIECES.charAt(random.nextInt(PIECES.length())));
            }
        }
        return sb.toString();
    }

    private static String mutate(Random random, String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0:
                    sb.insert(at, PIECES.charAt(random.nextInt(PIECES.length())));
                    break;
                case 1:
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                    break;
                default:
                    if (sb.length() > 0) {
                        sb.setCharAt(at, PIECES.charAt(random.nextInt(PIECES.length())));
                    }
                    break;
            }
        }
        return sb.toString();
    }
}
