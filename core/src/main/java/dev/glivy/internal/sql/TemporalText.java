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
        if (len == 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            int y = digits(b, off, 4);
            int m = digits(b, off + 5, 2);
            int d = digits(b, off + 8, 2);
            if (y >= 0 && m >= 0 && d >= 0) {
                long day = epochDay(y, m, d);
                return day == NONE ? null : LocalDate.ofEpochDay(day);
            }
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
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return NONE;
        }
        int y = digits(b, off, 4);
        int m = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        return y < 0 || m < 0 || d < 0 ? NONE : epochDay(y, m, d);
    }

    /**
     * The common timestamp shape (see {@link #instant}) without allocating: {@code out[0]} epoch seconds of the
     * local date-time, {@code out[1]} nanos, {@code out[2]} the offset in seconds or {@link #NONE} when the text has
     * none. Returns {@code false} for any other text (then {@link #instant} / {@link #localDateTime} decide).
     */
    public static boolean parts(char[] b, int off, int len, long[] out) {
        return fast(b, off, len, out);
    }

    /** Days before the first of each month in a common year. */
    private static final int[] DAYS_BEFORE = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private static final int[] MONTH_LENGTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /** Leap days in the years 1..1969. */
    private static final int LEAPS_BEFORE_1970 = 1969 / 4 - 1969 / 100 + 1969 / 400;

    /** Days since 1970-01-01 of a proleptic ISO date with {@code 0 <= y <= 9999}, or {@link #NONE} when invalid. */
    static long epochDay(int y, int m, int d) {
        if (m < 1 || m > 12 || d < 1) {
            return NONE;
        }
        boolean leap = (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
        if (d > MONTH_LENGTH[m - 1] + (m == 2 && leap ? 1 : 0)) {
            return NONE;
        }
        if (y == 0) {
            return LocalDate.of(0, m, d).toEpochDay();
        }
        int before = y - 1;
        long days = 365L * (y - 1970) + (before / 4 - before / 100 + before / 400 - LEAPS_BEFORE_1970);
        return days + DAYS_BEFORE[m - 1] + (m > 2 && leap ? 1 : 0) + d - 1;
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
     * out[1] nanos, out[2] offset seconds or {@code Long.MIN_VALUE} when absent.
     */
    private static boolean fast(char[] b, int off, int len, long[] out) {
        if (len < 19
                || b[off + 4] != '-'
                || b[off + 7] != '-'
                || (b[off + 10] != 'T' && b[off + 10] != ' ')
                || b[off + 13] != ':'
                || b[off + 16] != ':') {
            return false;
        }
        int y = digits(b, off, 4);
        int mo = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        int h = digits(b, off + 11, 2);
        int mi = digits(b, off + 14, 2);
        int s = digits(b, off + 17, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
            return false;
        }
        int i = off + 19;
        int end = off + len;
        long nanos = 0;
        if (i < end && b[i] == '.') {
            i++;
            int start = i;
            while (i < end && b[i] >= '0' && b[i] <= '9' && i - start < 9) {
                nanos = nanos * 10 + (b[i] - '0');
                i++;
            }
            int n = i - start;
            if (n == 0) {
                return false;
            }
            for (int k = n; k < 9; k++) {
                nanos *= 10;
            }
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
                if (oh < 0 || om < 0 || oh > 18 || om > 59 || (rest == 6 && b[i + 3] != ':')) {
                    return false;
                }
                offset = (c == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
            } else {
                return false;
            }
        }
        long day = epochDay(y, mo, d);
        if (day == NONE) {
            return false;
        }
        out[0] = day * 86_400L + h * 3600L + mi * 60L + s;
        out[1] = nanos;
        out[2] = offset;
        return true;
    }

    private static int digits(char[] b, int off, int n) {
        if (n == 2) {
            int x = b[off] - '0';
            int y = b[off + 1] - '0';
            return ((9 - x) | (9 - y) | x | y) >= 0 ? x * 10 + y : -1;
        }
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
