package dev.glivy.test;

import dev.glivy.SessionRuntime;
import dev.glivy.SparkType;
import dev.glivy.spi.SessionTransport;
import dev.glivy.test.contract.TransportContract;
import dev.glivy.test.contract.TransportFaults;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Proves the contract kit and keeps the scripted transport honest: it passes the whole suite, on virtual time. */
class ScriptedTransportContractTest extends TransportContract {
    private static final Pattern RANGE = Pattern.compile("(?is)select id from range\\((\\d+)\\)");

    private final ManualScheduler time = new ManualScheduler();
    private final SessionRuntime runtime = time.runtime();

    @Override
    protected SessionTransport newTransport() {
        ScriptedTransport t = ScriptedTransport.create(time.clock()).startDelay(Duration.ofMillis(300));
        t.when("1 + 1").after(Duration.ofMillis(100)).thenText("res0: Int = 2");
        t.when("fail()").thenError("RuntimeException", "boom", "at line 1");
        t.when("sleep()").after(Duration.ofMinutes(10)).thenText("slept");
        t.whenSql("select 1 as one, 'x' as letter")
                .thenTable(SqlTable.builder()
                        .column("one", SparkType.INTEGER)
                        .column("letter", SparkType.STRING)
                        .row(1, "x")
                        .build());
        t.whenSql("select 1 as one")
                .thenTable(SqlTable.builder()
                        .column("one", SparkType.INTEGER)
                        .row(1)
                        .build());
        t.whenSql(RANGE).then(code -> {
            Matcher m = RANGE.matcher(code.strip());
            int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            return ScriptedTransport.Answer.table(SqlTable.builder()
                    .column("id", SparkType.LONG, false)
                    .rows(n, i -> new Object[] {(long) i})
                    .build());
        });
        for (String text : NASTY_TEXTS) {
            t.whenSql("select " + sqlLiteral(text) + " as s")
                    .thenTable(SqlTable.builder()
                            .column("s", SparkType.STRING)
                            .row(text)
                            .build());
        }
        t.whenSql(Pattern.compile("(?s).*from glivy_no_such_table_x.*"))
                .thenError("AnalysisException", "Table or view not found: glivy_no_such_table_x", "at fake SQL");
        return t;
    }

    @Override
    protected String okCode() {
        return "1 + 1";
    }

    @Override
    protected String failingCode() {
        return "fail()";
    }

    @Override
    protected String slowCode() {
        return "sleep()";
    }

    @Override
    protected Optional<TransportFaults> faults(SessionTransport transport) {
        return Optional.of((ScriptedTransport) transport);
    }

    @Override
    protected SessionRuntime runtime() {
        return runtime;
    }

    @Override
    protected <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return time.await(future, Duration.ofHours(2));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    protected void eventually(BooleanSupplier condition) {
        VirtualTime.eventually(time, condition);
    }
}
