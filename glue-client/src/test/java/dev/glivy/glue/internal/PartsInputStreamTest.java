package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PartsInputStream concatenates parts lazily, gunzips by magic bytes and never merges lines")
class PartsInputStreamTest {
    private final List<String> opened = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    private static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private PartsInputStream stream(Map<String, byte[]> parts) {
        return new PartsInputStream(List.copyOf(parts.keySet()), k -> {
            opened.add(k);
            return new ByteArrayInputStream(parts.get(k)) {
                @Override
                public void close() throws IOException {
                    closed.add(k);
                    super.close();
                }
            };
        });
    }

    @Test
    @DisplayName("gzip and plain parts, one without a final newline, an empty one: lines come out whole")
    void concatenates() throws IOException {
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("part-0.json.gz", gzip("{\"a\":1}\n{\"a\":2}"));
        parts.put("part-1.json", "{\"a\":3}\n".getBytes(StandardCharsets.UTF_8));
        parts.put("part-2.json", new byte[0]);
        parts.put("part-3.gz", gzip("{\"a\":\"é\"}"));
        try (PartsInputStream in = stream(parts)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).isEqualTo("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":\"é\"}\n");
            long stored = parts.values().stream().mapToLong(b -> b.length).sum();
            assertThat(in.bytesRead()).isEqualTo(stored);
            assertThat(in.partsOpened()).isEqualTo(4);
        }
        assertThat(closed).containsExactly("part-0.json.gz", "part-1.json", "part-2.json", "part-3.gz");
    }

    @Test
    @DisplayName("parts are opened only when reached; close stops and closes the open part; reads after fail")
    void lazyAndClosable() throws IOException {
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("a", "12345\n".getBytes(StandardCharsets.UTF_8));
        parts.put("b", "67890\n".getBytes(StandardCharsets.UTF_8));
        PartsInputStream in = stream(parts);
        assertThat(opened).isEmpty();
        assertThat(in.read()).isEqualTo('1');
        assertThat(opened).containsExactly("a");
        in.close();
        assertThat(closed).containsExactly("a");
        assertThat(opened).containsExactly("a");
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
        in.close();
        InputStream none = new PartsInputStream(List.of(), k -> {
            throw new AssertionError("nothing to open");
        });
        assertThat(none.read()).isEqualTo(-1);
    }
}
