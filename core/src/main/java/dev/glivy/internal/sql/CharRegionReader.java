package dev.glivy.internal.sql;

import java.io.Reader;

/**
 * A {@link Reader} over part of a {@link String}, without copying it: lets the JSON parser read the rows of an
 * envelope in place inside a statement's (possibly very large) output.
 */
public final class CharRegionReader extends Reader {
    private final String text;
    private int pos;
    private final int end;

    /** Reads {@code text} from {@code start} (inclusive) to {@code end} (exclusive). */
    public CharRegionReader(String text, int start, int end) {
        if (start < 0 || end > text.length() || start > end) {
            throw new IndexOutOfBoundsException("region [" + start + ", " + end + ") of " + text.length());
        }
        this.text = text;
        this.pos = start;
        this.end = end;
    }

    @Override
    public int read(char[] buf, int off, int len) {
        if (pos >= end) {
            return -1;
        }
        int n = Math.min(len, end - pos);
        text.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
    }

    @Override
    public int read() {
        return pos < end ? text.charAt(pos++) : -1;
    }

    @Override
    public void close() {
        pos = end;
    }
}
