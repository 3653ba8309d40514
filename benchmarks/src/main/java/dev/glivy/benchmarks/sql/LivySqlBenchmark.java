package dev.glivy.benchmarks.sql;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementRequest;
import dev.glivy.StatementResult;
import dev.glivy.internal.sql.SqlResults;
import dev.glivy.livy.LivyTransport;
import dev.glivy.spi.SqlPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Typed SQL on a real Livy, three ways side by side in one Scala session, alternating per round so that drift of
 * the shared machine hits them alike:
 * <ol>
 *   <li><b>sql kind</b>: {@code sql(query, limit)} below the row cap with {@code sqlKind(true)}: Livy's native
 *       {@code sql} statement (lossy on Livy 0.7, see the README; the speed reference);
 *   <li><b>wrapper, defined once</b>: {@code sql(query)} at the default limit (the row cap), so the generated Scala
 *       path: a one-line call of the function the session defined on first use (now the default);
 *   <li><b>wrapper, whole</b>: the self-contained wrapper of {@link SqlPlan#wrapper} submitted per query (what every
 *       typed query compiled before), decoded the same way.
 * </ol>
 * Each round times every path once (client wall time of the blocking call, rows decoded included); the table shows
 * medians and the ratios of the medians to the sql kind. The first call of path 2, which also sends the definition,
 * is timed separately and left out of the median. Start Livy with {@code tools/livy-local/livy-local.sh start}.
 *
 * <p>Usage: {@code LivySqlBenchmark --url URL [--rounds N] [--warmup N] [--out FILE]}; defaults 15 and 3.
 */
public final class LivySqlBenchmark {
    private static final String QUERY = "select id, cast(id * 7 as string) as s, id % 3 = 0 as f from range(50)";

    private LivySqlBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String url = null;
        int rounds = 15;
        int warmup = 3;
        @Nullable Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required (for example http://127.0.0.1:8998)");
        }
        LivyTransport transport = LivyTransport.builder().url(url).sqlKind(true).build();
        try (InteractiveSession s = InteractiveSession.builder()
                .transport(transport)
                .config(c -> c.language(Language.SCALA).sessionIdPrefix("glivy-sqlbench"))
                .useEnvironment(false)
                .stopOnJvmShutdown(true)
                .start()) {
            int cap = SqlPlan.DEFAULT_SQL_ROW_CAP;
            Supplier<SqlResult> kind = () -> s.sql(SqlRequest.of(QUERY, cap - 1));
            Supplier<SqlResult> once = () -> s.sql(QUERY);
            Supplier<SqlResult> whole = () -> {
                SqlPlan plan = SqlPlan.wrapper(QUERY, cap, Language.SCALA);
                StatementResult r = s.execute(StatementRequest.builder()
                        .code(plan.code())
                        .language(Language.SCALA)
                        .build());
                return SqlResults.of(r, plan);
            };
            time(kind, Language.SQL);
            long first = time(once, Language.SCALA);
            time(whole, Language.SCALA);
            for (int i = 1; i < warmup; i++) {
                time(kind, Language.SQL);
                time(once, Language.SCALA);
                time(whole, Language.SCALA);
            }
            List<Long> k = new ArrayList<>();
            List<Long> o = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            List<Long> ks = new ArrayList<>();
            List<Long> os = new ArrayList<>();
            List<Long> ws = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                SERVER.clear();
                k.add(time(kind, Language.SQL));
                o.add(time(once, Language.SCALA));
                w.add(time(whole, Language.SCALA));
                ks.add(SERVER.get(0));
                os.add(SERVER.get(1));
                ws.add(SERVER.get(2));
            }
            double mk = median(k);
            double mo = median(o);
            double mw = median(w);
            StringBuilder md = new StringBuilder("# Typed SQL on Livy: generated wrapper vs the sql kind\n\n");
            md.append(String.format(
                    Locale.ROOT,
                    "%s, one Scala session, query `%s` (50 rows), %d rounds after %d "
                            + "warm-up rounds, the three paths alternating; JVM %s, %d processors.%n%n",
                    url,
                    QUERY,
                    rounds,
                    warmup,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors()));
            md.append("Client: wall time of the blocking `sql` call (polling included). Server: Livy's `started` to "
                    + "`completed` of the statement (what the interpreter spent: compiling and running).\n\n");
            md.append("| path | client median | min | max | vs sql kind | server median | vs sql kind |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            row(md, "sql kind (`sqlKind(true)`, limit below the cap)", k, mk, ks, median(ks));
            row(md, "wrapper defined once per session (default)", o, mk, os, median(ks));
            row(md, "whole wrapper per query (before)", w, mk, ws, median(ks));
            md.append(String.format(
                    Locale.ROOT,
                    "%nFirst call of the session wrapper, definition included: %d ms."
                            + " Wrapper defined once / sql kind: %.2fx; whole wrapper / sql kind: %.2fx.%n",
                    first,
                    mo / mk,
                    mw / mk));
            System.out.print(md);
            if (out != null) {
                Files.writeString(out, md);
            }
        }
    }

    private static void row(
            StringBuilder md, String name, List<Long> ms, double reference, List<Long> server, double serverReference) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %.0f ms | %d ms | %d ms | %.2fx | %.0f ms | %.2fx |%n",
                name,
                median(ms),
                Collections.min(ms),
                Collections.max(ms),
                median(ms) / reference,
                median(server),
                median(server) / serverReference));
    }

    /** Server run times (Livy's {@code started} to {@code completed}) of the last {@link #time} calls. */
    private static final List<Long> SERVER = new ArrayList<>();

    private static long time(Supplier<SqlResult> run, Language expected) {
        long t0 = System.nanoTime();
        SqlResult r = run.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        StatementResult st = r.statement();
        SERVER.add(
                st.startedAt().isPresent() && st.completedAt().isPresent()
                        ? java.time.Duration.between(
                                        st.startedAt().get(), st.completedAt().get())
                                .toMillis()
                        : -1L);
        if (r.size() != 50
                || r.statement().language() != expected
                || r.row(49).getLong("id") != 49L
                || !"343".equals(r.row(49).getString("s"))) {
            throw new IllegalStateException("unexpected result: " + r + " " + r.statement());
        }
        return ms;
    }

    private static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }
}
