package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.Language;
import dev.glivy.ResultFormatException;
import dev.glivy.RowStream;
import dev.glivy.Schema;
import dev.glivy.SqlRequest;
import dev.glivy.SqlResult;
import dev.glivy.StatementFailedException;
import dev.glivy.StatementResult;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.SqlPlan;
import dev.glivy.testkit.DelegatingTransport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A plan with its own reader ({@link SqlPlan#custom}): the session submits its code unchanged, hands the finished
 * statement to the reader, discards it when the statement fails or is cancelled, and streams it with sqlStream.
 */
class SessionSqlReaderTest {
    private static final Schema ID = Schema.fromJson("{\"type\":\"struct\",\"fields\":[{\"name\":\"id\","
            + "\"type\":\"long\",\"nullable\":false,\"metadata\":{}}]}");
    private final EngineHarness h = new EngineHarness();

    /**
     * Plans "rows:N" statements (the fake prints the code back) whose reader streams N generated rows and reports
     * truncation when N exceeds the limit; {@code fail:} queries become failing code.
     */
    private final class Reading extends DelegatingTransport {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger closedStreams = new AtomicInteger();

        Reading() {
            super(h.fake);
        }

        @Override
        public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
            String code = query.startsWith("fail:") ? query : "rows:" + query.replaceAll("\\D", "");
            return SqlPlan.custom(query, limit, code, Language.SCALA, new SqlPlan.Reader() {
                @Override
                public CompletableFuture<RowStream> open(StatementResult statement) {
                    events.add("open " + statement.statementId());
                    long n = Long.parseLong(statement.text().trim().substring("rows:".length()));
                    long kept = Math.min(n, limit);
                    StringBuilder lines = new StringBuilder();
                    for (long i = 0; i < kept; i++) {
                        lines.append("{\"id\":").append(i).append("}\n");
                    }
                    InputStream in = new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)) {
                        @Override
                        public void close() {
                            closedStreams.incrementAndGet();
                        }
                    };
                    return CompletableFuture.completedFuture(RowStream.jsonLines(in, ID, kept, n > limit, statement));
                }

                @Override
                public void discard(@Nullable String sessionId) {
                    events.add("discard " + sessionId);
                }
            });
        }
    }

    private InteractiveSession started(SessionTransport t) throws Throwable {
        InteractiveSession s =
                h.builder().transport(t).config(c -> c.language(Language.SCALA)).build();
        h.await(s.startAsync());
        return s;
    }

    @Test
    @DisplayName("sql(): the plan's code is sent as is and its reader reads the table, truncation included")
    void table() throws Throwable {
        Reading t = new Reading();
        InteractiveSession s = started(t);
        SqlResult r = h.await(s.sqlAsync(SqlRequest.of("range 7", 5)));
        assertThat(r.rows()).extracting(row -> row.getLong("id")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(r.truncated()).isTrue();
        assertThat(r.query()).isEqualTo("range 7");
        assertThat(r.statement().code()).isEqualTo("rows:7");
        assertThat(h.fake.executed(s.id().orElseThrow())).containsExactly("rows:7");
        assertThat(t.events).containsExactly("open " + r.statement().statementId());
        assertThat(t.closedStreams)
                .as("the table is read, then the stream closed")
                .hasValue(1);
        assertThat(h.await(s.sqlAsync(SqlRequest.of("range 2", 5))).truncated()).isFalse();
    }

    @Test
    @DisplayName("sqlStream(): the reader's stream comes back open; a standard plan streams its decoded output")
    void stream() throws Throwable {
        Reading t = new Reading();
        InteractiveSession s = started(t);
        try (RowStream rows = h.await(s.sqlStreamAsync(SqlRequest.of("range 3", 10)))) {
            assertThat(rows.rowCount()).hasValue(3);
            assertThat(rows.truncated()).isFalse();
            assertThat(rows.statement())
                    .hasValueSatisfying(st -> assertThat(st.code()).isEqualTo("rows:3"));
            assertThat(rows.toList()).extracting(row -> row.getLong("id")).containsExactly(0L, 1L, 2L);
            assertThat(t.closedStreams).hasValue(0);
        }
        assertThat(t.closedStreams).hasValue(1);

        InteractiveSession plain = started(h.fake);
        try (RowStream rows = h.await(plain.sqlStreamAsync(SqlRequest.of("select id from range(5)", 3)))) {
            assertThat(rows.truncated()).isTrue();
            assertThat(rows.rowCount()).hasValue(3);
            assertThat(rows.toList()).extracting(row -> row.getLong("id")).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    @DisplayName("a failing or cancelled statement is discarded (with its session), never opened")
    void discard() throws Throwable {
        Reading t = new Reading();
        InteractiveSession s = started(t);
        String sid = s.id().orElseThrow();
        assertThat(h.failure(s.sqlAsync("fail:no such table")))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining("no such table");
        assertThat(h.failure(s.sqlStreamAsync(SqlRequest.of("fail:again"))))
                .isInstanceOf(StatementFailedException.class);
        assertThat(t.events).containsExactly("discard " + sid, "discard " + sid);

        h.fake.statementDuration(Duration.ofMinutes(30));
        t.events.clear();
        CompletableFuture<SqlResult> f = s.sqlAsync("range 4");
        h.time.advance(Duration.ofSeconds(2));
        f.cancel(true);
        h.time.advance(Duration.ofMinutes(1));
        assertThat(f).isCancelled();
        assertThat(t.events).containsExactly("discard " + sid);
    }

    @Test
    @DisplayName("a reader announcing more rows than its input holds fails with ResultFormatException")
    void shortInput() throws Throwable {
        InteractiveSession s = started(new DelegatingTransport(h.fake) {
            @Override
            public SqlPlan planSql(String query, int limit, Language sessionLanguage) {
                return SqlPlan.custom(
                        query,
                        limit,
                        "short",
                        Language.SCALA,
                        st -> CompletableFuture.completedFuture(RowStream.jsonLines(
                                new ByteArrayInputStream("{\"id\":1}\n".getBytes(StandardCharsets.UTF_8)),
                                ID,
                                2,
                                false,
                                st)));
            }
        });
        assertThat(h.failure(s.sqlAsync("q")))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("ends after 1 rows but the statement wrote 2");
    }
}
