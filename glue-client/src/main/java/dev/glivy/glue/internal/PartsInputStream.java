package dev.glivy.glue.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The data parts of a result, one after the other, as one stream: each part is opened only when the previous one
 * is used up, gzip parts (recognised by their magic bytes, whatever their name) are decompressed on the fly, and a
 * newline is inserted after a part that does not end with one, so JSON lines never merge. Memory: one part's
 * buffers at a time, however large the parts.
 *
 * <p>{@link #close()} aborts the part being read (so the HTTP client does not drain the rest of a large object) and
 * opens no more. Not thread-safe.
 */
public final class PartsInputStream extends InputStream {
    private static final int GZIP_BUFFER = 64 * 1024;

    private final List<String> keys;
    private final Function<String, InputStream> opener;
    private int next;
    private @Nullable InputStream raw;
    private @Nullable InputStream current;
    private int lastByte = '\n';
    private boolean pendingNewline;
    private long bytesRead;
    private boolean closed;

    /**
     * A stream over {@code keys}, opening each with {@code opener} (which may retry and must not return
     * {@code null}).
     */
    public PartsInputStream(List<String> keys, Function<String, InputStream> opener) {
        this.keys = List.copyOf(keys);
        this.opener = opener;
    }

    /** Bytes fetched from S3 so far (compressed, as stored). */
    public long bytesRead() {
        return bytesRead;
    }

    /** The parts opened so far. */
    public int partsOpened() {
        return next;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("the S3 result stream is closed");
            }
            if (pendingNewline) {
                pendingNewline = false;
                lastByte = '\n';
                b[off] = '\n';
                return 1;
            }
            InputStream in = current;
            if (in == null) {
                if (next >= keys.size()) {
                    return -1;
                }
                in = openNext();
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                closeCurrent(false);
                if (lastByte != '\n') {
                    pendingNewline = true;
                }
                continue;
            }
            if (n > 0) {
                lastByte = b[off + n - 1];
            }
            return n;
        }
    }

    private InputStream openNext() throws IOException {
        InputStream r = opener.apply(keys.get(next++));
        raw = r;
        PushbackInputStream sniff = new PushbackInputStream(new Counting(r), 2);
        byte[] magic = new byte[2];
        int got = sniff.readNBytes(magic, 0, 2);
        sniff.unread(magic, 0, got);
        InputStream in = got == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                ? new GZIPInputStream(sniff, GZIP_BUFFER)
                : sniff;
        current = in;
        return in;
    }

    private void closeCurrent(boolean abort) throws IOException {
        InputStream r = raw;
        InputStream c = current;
        raw = null;
        current = null;
        if (abort && r instanceof ResponseInputStream<?> response) {
            response.abort();
        }
        if (c != null) {
            c.close();
        } else if (r != null) {
            r.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        closeCurrent(true);
    }

    /** Counts the bytes fetched. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                bytesRead++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }
    }
}
