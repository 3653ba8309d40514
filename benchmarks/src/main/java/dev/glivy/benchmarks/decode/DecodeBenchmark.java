package dev.glivy.benchmarks.decode;

import dev.glivy.Language;
import dev.glivy.Row;
import dev.glivy.RowStream;
import dev.glivy.Schema;
import dev.glivy.SqlResult;
import dev.glivy.StatementResult;
import dev.glivy.StatementState;
import dev.glivy.internal.sql.SqlEnvelope;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.spi.SqlPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a 1,000,000-row, 6-column JSON-lines SQL result into typed rows, on one thread, and reports throughput
 * and extra heap for three modes:
 * <ul>
 *   <li><b>materialise</b>: {@link SqlResult#of} on a statement whose {@code text/plain} output holds the envelope
 *       the generated wrappers print (what {@code session.sql()} does for Glue);
 *   <li><b>stream</b>: {@link RowStream#jsonLines} over the same rows as bytes in memory, consuming each row;
 *   <li><b>stream-generated</b>: {@link RowStream} over rows generated while they are read, so the payload never
 *       exists in memory: the heap it needs is the bounded-memory proof (its time includes generating the text).
 *   <li><b>livy-token-walk</b>: the baseline: Jackson's streaming parser walks every token of a Livy statement
 *       answer ({@code GET /sessions/0/statements/1}) holding the same rows as the {@code sql} kind's positional
 *       arrays and reads each value as a decoder minimally must (a string's characters, an integer's {@code long},
 *       a float's characters), and does nothing else;
 *   <li><b>livy-token-skip</b>: the bare walk (the earlier baseline): every token found, no value read, so Jackson
 *       skips over strings without decoding them;
 *   <li><b>livy-full</b>: the Livy transport's path on the same bytes: the statement answer read by the transport
 *       (its {@code application/json} output cut out of the response bytes), mapped, and decoded by
 *       {@link SqlResult#of} into typed rows; the clock stops at the result (every value is then read once, untimed,
 *       so the rows are known to be there);
 *   <li><b>livy-full-read</b>: the same, with reading every value of every row once inside the clock;
 *   <li><b>livy-tree</b>: the path before: the answer read into a tree, the output written back as a String and
 *       parsed again by {@link SqlResult#of}.
 * </ul>
 * Each mode runs {@code --warmup} unmeasured and {@code --runs} measured times; the report gives the best and the
 * median throughput (MB = 10^6 bytes of JSON-lines payload per second), the extra heap still held after a full GC
 * with the result reachable, and the peak extra heap: the highest occupancy any GC left during the decode, minus
 * the heap in use before it (payload included). Garbage that was never live is not counted.
 *
 * <p>Usage: {@code DecodeBenchmark [--rows N] [--runs N] [--warmup N] [--modes m1,m2] [--out FILE]}. See
 * the README's "Decode benchmark" section for the command line (pinned to one core with {@code taskset}).
 */
public final class DecodeBenchmark {
    static final long SEED = 20_240_102L;

    static final List<String> LIVY_MODES =
            List.of("livy-token-walk", "livy-token-skip", "livy-full", "livy-full-read", "livy-tree");

    private DecodeBenchmark() {}

    /** One measured run. */
    record Run(double seconds, double cpuSeconds, long retained, long peak, long gcs) {}

    /** CPU time of this process (all its threads, the collector's included), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        long rows = 1_000_000;
        int runs = 5;
        int warmup = 2;
        List<String> modes = new ArrayList<>(List.of("materialise", "stream", "stream-generated"));
        modes.addAll(LIVY_MODES);
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                case "--out" -> out = Path.of(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: "
                            + "DecodeBenchmark [--rows N] [--runs N] [--warmup N] [--modes m1,m2] [--out FILE]");
            }
        }
        Report report = new Report(rows, runs, warmup);
        try (HeapProbe probe = new HeapProbe()) {
            for (String mode : modes) {
                report.add(measure(mode, rows, runs, warmup, probe));
            }
        }
        String text = report.markdown();
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text);
        }
    }

    private static Report.Mode measure(String mode, long rows, int runs, int warmup, HeapProbe probe)
            throws IOException {
        Schema schema = Schema.fromJson(Payload.SCHEMA);
        SqlPlan plan =
                SqlPlan.wrapper("select id, name, amount, day, ts, flag from orders", (int) rows, Language.PYTHON);
        StatementResult statement = null;
        byte[] bytes = null;
        long payload;
        if (mode.equals("materialise")) {
            String envelope = "\n" + SqlEnvelope.begin(plan.nonce()) + "\n" + Payload.SCHEMA + "\n"
                    + Payload.text(rows, SEED) + SqlEnvelope.end(plan.nonce(), rows, false) + "\n";
            payload = envelope.length();
            statement = StatementResult.builder()
                    .sessionId("bench")
                    .statementId("1")
                    .backend("glue")
                    .state(StatementState.AVAILABLE)
                    .language(Language.PYTHON)
                    .outputs(Map.of(StatementResult.TEXT_PLAIN, envelope))
                    .build();
        } else if (mode.equals("stream")) {
            bytes = Payload.bytes(rows, SEED);
            payload = bytes.length;
        } else if (mode.equals("stream-generated")) {
            payload = Payload.size(rows, SEED);
        } else if (LIVY_MODES.contains(mode)) {
            bytes = Payload.livyStatement(rows, SEED);
            payload = bytes.length;
        } else {
            throw new IllegalArgumentException("Unknown mode '" + mode + "'; modes are materialise, stream, "
                    + "stream-generated, " + String.join(", ", LIVY_MODES));
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long before = HeapProbe.usedAfterFullGc();
            probe.reset();
            long c0 = processCpu();
            long t0 = System.nanoTime();
            Object result;
            long check;
            if (statement != null) {
                SqlResult r = SqlResults.of(statement, plan);
                check = checksum(r.rows());
                result = r;
            } else if (mode.startsWith("livy-")) {
                if (mode.equals("livy-token-walk")) {
                    check = LivyPath.tokenWalk(bytes);
                    result = null;
                } else if (mode.equals("livy-token-skip")) {
                    check = LivyPath.tokenSkip(bytes);
                    result = null;
                } else {
                    SqlResult r = mode.equals("livy-tree")
                            ? LivyPath.tree(bytes, (int) rows)
                            : LivyPath.full(bytes, (int) rows);
                    // livy-full stops the clock at the decoded result, as the token walk stops at its last token;
                    // livy-full-read also reads every value of every row once, as the other modes do.
                    check = mode.equals("livy-full") ? r.size() : checksum(r.rows());
                    result = r;
                }
            } else {
                InputStream in = bytes != null ? new ByteArrayInputStream(bytes) : new GeneratedInput(rows, SEED);
                try (RowStream s = RowStream.jsonLines(in, schema)) {
                    check = 0;
                    while (s.hasNext()) {
                        check += checksum(s.next());
                    }
                }
                result = null;
            }
            long t1 = System.nanoTime();
            long c1 = processCpu();
            long peak = probe.peakAfterGc();
            long gcs = probe.collections();
            long retained = HeapProbe.usedAfterFullGc() - before;
            if (mode.equals("livy-full")) { // outside the clock and the heap figures: the rows are really there
                check += checksum(((SqlResult) java.util.Objects.requireNonNull(result)).rows());
            }
            Reference.reachabilityFence(result);
            if (check == 42) {
                System.out.println("(checksum collision, ignore)");
            }
            if (i >= warmup) {
                measured.add(
                        new Run((t1 - t0) / 1e9, (c1 - c0) / 1e9, retained, Math.max(peak - before, retained), gcs));
            }
        }
        Reference.reachabilityFence(statement);
        Reference.reachabilityFence(bytes);
        return new Report.Mode(mode, payload, measured);
    }

    private static long checksum(List<Row> rows) {
        long sum = 0;
        for (Row r : rows) {
            sum += checksum(r);
        }
        return sum;
    }

    private static long checksum(Row r) {
        long sum = r.getLong(0)
                + (r.isNull(1) ? 0 : r.getString(1).length())
                + r.getBigDecimal(2).unscaledValue().longValue()
                + r.getDate(3).toEpochDay()
                + r.getTimestamp(4).toEpochMilli();
        return sum + (r.getBoolean(5) ? 1 : 0);
    }

    /** The payload's bytes, produced while they are read: nothing but one row exists at a time. */
    private static final class GeneratedInput extends InputStream {
        private final Payload payload;
        private final StringBuilder line = new StringBuilder(160);
        private int pos;

        GeneratedInput(long rows, long seed) {
            this.payload = new Payload(rows, seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == line.length()) {
                    if (!payload.hasNext()) {
                        return n == 0 ? -1 : n;
                    }
                    line.setLength(0);
                    payload.appendRow(line);
                    pos = 0;
                }
                int k = Math.min(len - n, line.length() - pos);
                for (int j = 0; j < k; j++) {
                    b[off + n + j] = (byte) line.charAt(pos + j);
                }
                pos += k;
                n += k;
            }
            return n;
        }
    }
}
