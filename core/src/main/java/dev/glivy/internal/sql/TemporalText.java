package dev.glivy.internal.sql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Dates and timestamps as Spark's JSON writers print them, read straight from a character buffer.
 *
 * <p>The common shapes ({@code 2024-01-02}, {@code 2024-01-02T03:04:05.123Z}, {@code ... +01:00}, a space instead of
 * the {@code T}, 0-9 fraction digits) take a hand-written path that allocates nothing but the result: decoding a
 * million timestamps through {@link DateTimeFormatter} alone would cost more than the whole JSON parse. Everything
 * else falls back to a lenient ISO-8601 formatter. A timestamp without an offset is read as UTC.
 */
public final class TemporalText {
    private static final DateTimeFormatter FALLBACK = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private TemporalText() {}

    /** Parses a date, or returns {@code null} when the text is not one. */
    public static @Nullable LocalDate date(char[] b, int off, int len) {
        long day = epochDay(b, off, len);
        if (day != NONE) {
            return LocalDate.ofEpochDay(day);
        }
        try {
            return LocalDate.parse(new String(b, off, len));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** What {@link #epochDay(char[], int, int)} returns for text it does not read. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * The common date shape {@code yyyy-MM-dd} as days since 1970-01-01, allocating nothing; {@link #NONE} for any
     * other text or an invalid date (then {@link #date} decides).
     */
    public static long epochDay(char[] b, int off, int len) {
        if (len != 10) {
            return NONE;
        }
        int y0 = b[off] - '0';
        int y1 = b[off + 1] - '0';
        int y2 = b[off + 2] - '0';
        int y3 = b[off + 3] - '0';
        int m0 = b[off + 5] - '0';
        int m1 = b[off + 6] - '0';
        int d0 = b[off + 8] - '0';
        int d1 = b[off + 9] - '0';
        // One test for all eight digits: c - '0' is negative below '0', 9 - (c - '0') is negative above '9'.
        int digits = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1;
        int above = (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - m0) | (9 - m1) | (9 - d0) | (9 - d1);
        int separators = (b[off + 4] ^ '-') | (b[off + 7] ^ '-');
        if ((digits | above) < 0 || separators != 0) {
            return NONE;
        }
        return epochDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
    }

    /**
     * The common timestamp shape (see {@link #instant}) without allocating: {@code out[0]} epoch seconds of the
     * local date-time, {@code out[1]} nanos, {@code out[2]} the offset in seconds or {@link #NONE} when the text has
     * none. Returns {@code false} for any other text (then {@link #instant} / {@link #localDateTime} decide).
     */
    public static boolean parts(char[] b, int off, int len, long[] out) {
        return fast(b, off, len, out);
    }

    /** The most an offset can be (java.time's {@code ZoneOffset} range, +-18:00), in seconds. */
    private static final int MAX_OFFSET = 18 * 3600;

    /**
     * Days since 1970-01-01 of a proleptic ISO date with {@code 0 <= y <= 9999}, or {@link #NONE} when invalid. The
     * days-from-civil arithmetic of Howard Hinnant's {@code days_from_civil} (years counted from March, so the leap
     * day is a year's last), with the year shifted by 400 (146,097 days exactly) so no quotient is of a negative
     * number: no table, no leap-year test unless the day is past the 28th.
     */
    static long epochDay(int y, int m, int d) {
        if (m < 1 || m > 12 || d < 1 || (d > 28 && d > monthLength(y, m))) {
            return NONE;
        }
        boolean early = m <= 2;
        int years = y + 400 - (early ? 1 : 0); // the year the March-based year starts in, + 400
        int dayOfYear = (153 * (early ? m + 9 : m - 3) + 2) / 5 + d - 1; // from March 1st
        long days = 365L * years + years / 4 - years / 100 + years / 400 + dayOfYear;
        return days - 719_468L - 146_097L;
    }

    private static int monthLength(int y, int m) {
        if (m == 2) {
            return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
        }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    /** Parses an instant; no offset means UTC. Returns {@code null} when the text is not a timestamp. */
    public static @Nullable Instant instant(char[] b, int off, int len) {
        long[] out = new long[3];
        if (fast(b, off, len, out)) {
            long seconds = out[0] - (out[2] == Long.MIN_VALUE ? 0 : out[2]);
            return Instant.ofEpochSecond(seconds, out[1]);
        }
        TemporalAccessor t = slow(b, off, len);
        if (t == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.from(t);
        ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
        return local.toInstant(offset);
    }

    /**
     * Parses a local date-time. Returns {@code null} when the text is not a timestamp or carries an offset
     * ({@code timestamp_ntz} values never do).
     */
    public static @Nullable LocalDateTime localDateTime(char[] b, int off, int len) {
        long[] out = new long[3];
        if (fast(b, off, len, out)) {
            if (out[2] != Long.MIN_VALUE) {
                return null;
            }
            return LocalDateTime.ofEpochSecond(out[0], (int) out[1], ZoneOffset.UTC);
        }
        TemporalAccessor t = slow(b, off, len);
        if (t == null || t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return null;
        }
        return LocalDateTime.from(t);
    }

    private static @Nullable TemporalAccessor slow(char[] b, int off, int len) {
        try {
            return FALLBACK.parse(new String(b, off, len));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The common shape {@code yyyy-MM-dd[T ]HH:mm:ss[.f{1,9}][Z|+HH:MM|+HHMM|+HH]}: out[0] local epoch seconds,
     * out[1] nanos, out[2] offset seconds or {@code Long.MIN_VALUE} when absent. The fixed-width part's fourteen
     * digits and four separators are checked with one branch each (see {@link #epochDay(char[], int, int)}).
     */
    private static boolean fast(char[] b, int off, int len, long[] out) {
        if (len < 19) {
            return false;
        }
        int y0 = b[off] - '0';
        int y1 = b[off + 1] - '0';
        int y2 = b[off + 2] - '0';
        int y3 = b[off + 3] - '0';
        int mo0 = b[off + 5] - '0';
        int mo1 = b[off + 6] - '0';
        int d0 = b[off + 8] - '0';
        int d1 = b[off + 9] - '0';
        int h0 = b[off + 11] - '0';
        int h1 = b[off + 12] - '0';
        int mi0 = b[off + 14] - '0';
        int mi1 = b[off + 15] - '0';
        int s0 = b[off + 17] - '0';
        int s1 = b[off + 18] - '0';
        int digits = y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1;
        int above = (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - mo0) | (9 - mo1) | (9 - d0) | (9 - d1) | (9 - h0)
                | (9 - h1) | (9 - mi0) | (9 - mi1) | (9 - s0) | (9 - s1);
        int separators = (b[off + 4] ^ '-') | (b[off + 7] ^ '-') | (b[off + 13] ^ ':') | (b[off + 16] ^ ':');
        char t = b[off + 10];
        if ((digits | above) < 0 || separators != 0 || (t != 'T' && t != ' ')) {
            return false;
        }
        int h = h0 * 10 + h1;
        int mi = mi0 * 10 + mi1;
        int s = s0 * 10 + s1;
        if (((23 - h) | (59 - mi) | (59 - s)) < 0) {
            return false;
        }
        int i = off + 19;
        int end = off + len;
        long nanos = 0;
        if (i < end && b[i] == '.') {
            i++;
            int start = i;
            int limit = Math.min(end, start + 9);
            int f = 0;
            for (; i < limit; i++) {
                int c = b[i] - '0';
                if (((9 - c) | c) < 0) {
                    break;
                }
                f = f * 10 + c;
            }
            int n = i - start;
            if (n == 0) {
                return false;
            }
            nanos = f * POWERS[9 - n];
        }
        long offset = Long.MIN_VALUE;
        if (i < end) {
            char c = b[i];
            int rest = end - i;
            if (c == 'Z' && rest == 1) {
                offset = 0;
            } else if ((c == '+' || c == '-') && (rest == 3 || rest == 5 || rest == 6)) {
                int oh = digits(b, i + 1, 2);
                int om = rest == 3 ? 0 : digits(b, rest == 6 ? i + 4 : i + 3, 2);
                int seconds = oh * 3600 + om * 60;
                if (oh < 0 || om < 0 || om > 59 || seconds > MAX_OFFSET || (rest == 6 && b[i + 3] != ':')) {
                    return false;
                }
                offset = c == '-' ? -seconds : seconds;
            } else {
                return false;
            }
        }
        long day = epochDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1);
        if (day == NONE) {
            return false;
        }
        out[0] = day * 86_400L + h * 3600 + mi * 60 + s;
        out[1] = nanos;
        out[2] = offset;
        return true;
    }

    /** Powers of ten up to 10^8: a fraction of n digits is that many nanos times 10^(9 - n). */
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static int digits(char[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int c = b[i] - '0';
            if (((9 - c) | c) < 0) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }
}
