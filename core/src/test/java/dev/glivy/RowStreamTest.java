package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RowStreamTest {
    private static final Schema S =
            Schema.fromJson(SqlTestSupport.schema("id:\"long\"", "name:\"string\"", "ts:\"timestamp\""));
    private static final Instant TS = Instant.parse("2024-01-02T03:04:05Z");

    /** Rows generated on the fly: the whole input never exists in memory. */
    private static final class Generated extends InputStream {
        private final long rows;
        private long row;
        private byte[] line = new byte[0];
        private int pos;
        final AtomicBoolean closed = new AtomicBoolean();

        Generated(long rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (pos == line.length) {
                if (row == rows) {
                    return -1;
                }
                line = ("{\"id\":" + row + ",\"name\":\"n" + row + "\",\"ts\":\"2024-01-02T03:04:05Z\"}\n")
                        .getBytes(StandardCharsets.UTF_8);
                pos = 0;
                row++;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    @DisplayName("streams 200,000 generated rows one at a time and closes the input")
    void streams() {
        Generated in = new Generated(200_000);
        long sum = 0;
        try (RowStream rows = RowStream.jsonLines(in, S)) {
            assertThat(rows.schema()).isEqualTo(S);
            while (rows.hasNext()) {
                Row r = rows.next();
                sum += r.getLong("id");
                if (!TS.equals(r.getTimestamp("ts"))) {
                    throw new AssertionError("row " + r + " has the wrong timestamp");
                }
            }
            assertThat(rows.rowsRead()).isEqualTo(200_000);
            assertThatThrownBy(rows::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(sum).isEqualTo(199_999L * 200_000 / 2);
        assertThat(in.closed).isTrue();
    }

    @Test
    @DisplayName("blank lines and positional rows are accepted; a bad row names its number and column")
    void shapesAndErrors() {
        String text = "\n{\"id\":1}\n\n[2,\"b\",null]\n{\"id\":\"three\"}\n";
        try (RowStream rows = RowStream.jsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), S)) {
            assertThat(rows.next().getLong(0)).isEqualTo(1L);
            assertThat(rows.next().getString("name")).isEqualTo("b");
            assertThatThrownBy(rows::hasNext)
                    .isInstanceOf(ResultFormatException.class)
                    .hasMessage("Cannot read the JSON lines stream: row 3, column 'id': expected an integer for "
                            + "bigint but found \"three\"");
            assertThat(rows.hasNext()).isFalse();
        }
        try (RowStream rows =
                RowStream.jsonLines(new ByteArrayInputStream("{\"id\":1".getBytes(StandardCharsets.UTF_8)), S)) {
            assertThatThrownBy(rows::hasNext)
                    .isInstanceOf(ResultFormatException.class)
                    .hasMessageContaining("row 1 is malformed JSON");
        }
    }

    @Test
    @DisplayName("an I/O failure surfaces as UncheckedIOException saying how far it got")
    void ioFailure() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        try (RowStream rows = RowStream.jsonLines(broken, S)) {
            assertThatThrownBy(rows::hasNext)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("after 0 rows")
                    .hasRootCauseMessage("connection reset");
        }
    }
}
