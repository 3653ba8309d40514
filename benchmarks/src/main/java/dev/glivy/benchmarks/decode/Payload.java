package dev.glivy.benchmarks.decode;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The benchmark's result set: {@code rows} rows of six columns ({@code long}, {@code string}, {@code decimal(18,2)},
 * {@code date}, {@code timestamp}, {@code boolean}) as Spark's {@code toJSON} prints them, one object per line, with
 * 1 in 20 {@code name}s null and so left out as Spark does. Deterministic: the same seed gives the same bytes.
 */
final class Payload {
    static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"amount\",\"type\":\"decimal(18,2)\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"day\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"flag\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}}]}";

    private final SplittableRandom random;
    private final long rows;
    private long next;

    Payload(long rows, long seed) {
        this.rows = rows;
        this.random = new SplittableRandom(seed);
    }

    /** Whether another row follows. */
    boolean hasNext() {
        return next < rows;
    }

    /** Appends the next row and its newline. */
    void appendRow(StringBuilder b) {
        long id = next++;
        b.append("{\"id\":").append(id);
        if (random.nextInt(20) != 0) {
            b.append(",\"name\":\"customer-").append(random.nextInt(1_000_000)).append('"');
        }
        long cents = random.nextLong(10_000_000_000L);
        b.append(",\"amount\":").append(cents / 100).append('.');
        long frac = cents % 100;
        b.append(frac < 10 ? "0" : "").append(frac);
        int year = 2000 + random.nextInt(25);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        b.append(",\"day\":\"")
                .append(year)
                .append('-')
                .append(two(month))
                .append('-')
                .append(two(day))
                .append('"');
        b.append(",\"ts\":\"")
                .append(year)
                .append('-')
                .append(two(month))
                .append('-')
                .append(two(day))
                .append('T')
                .append(two(random.nextInt(24)))
                .append(':')
                .append(two(random.nextInt(60)))
                .append(':')
                .append(two(random.nextInt(60)))
                .append('.')
                .append(three(random.nextInt(1000)))
                .append("Z\"");
        b.append(",\"flag\":").append(random.nextBoolean()).append("}\n");
    }

    /** Appends the next row as Livy's {@code sql} kind writes it: a positional array, a null name as null. */
    void appendArrayRow(StringBuilder b) {
        int start = b.length();
        appendRow(b);
        String line = b.substring(start, b.length() - 1);
        b.setLength(start);
        b.append('[');
        boolean named = line.contains("\"name\":");
        int i = 0;
        for (String key : new String[] {"id", "name", "amount", "day", "ts", "flag"}) {
            b.append(i++ == 0 ? "" : ",");
            if (key.equals("name") && !named) {
                b.append("null");
                continue;
            }
            int at = line.indexOf("\"" + key + "\":") + key.length() + 3;
            int end = at;
            if (line.charAt(at) == '"') {
                end = line.indexOf('"', at + 1) + 1;
            } else {
                while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
                    end++;
                }
            }
            b.append(line, at, end);
        }
        b.append(']');
    }

    /**
     * A Livy {@code GET /sessions/0/statements/1} answer for a finished {@code sql} statement whose
     * {@code application/json} output holds the rows as positional arrays (ASCII bytes).
     */
    static byte[] livyStatement(long rows, long seed) {
        Payload p = new Payload(rows, seed);
        StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, rows * 100));
        b.append(
                        "{\"id\":1,\"code\":\"select id, name, amount, day, ts, flag from orders\",\"state\":\"available\","
                                + "\"output\":{\"status\":\"ok\",\"execution_count\":1,\"data\":{\"application/json\":{\"schema\":")
                .append(SCHEMA)
                .append(",\"data\":[");
        while (p.hasNext()) {
            if (p.next > 0) {
                b.append(',');
            }
            p.appendArrayRow(b);
        }
        b.append("]}}},\"progress\":1.0,\"started\":1700000000000,\"completed\":1700000001000}");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** All rows as one string (ASCII, so its length is its size in bytes). */
    static String text(long rows, long seed) {
        Payload p = new Payload(rows, seed);
        StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, rows * 130));
        while (p.hasNext()) {
            p.appendRow(b);
        }
        return b.toString();
    }

    /** The payload's size in bytes, without keeping it. */
    static long size(long rows, long seed) {
        Payload p = new Payload(rows, seed);
        StringBuilder b = new StringBuilder(160);
        long size = 0;
        while (p.hasNext()) {
            b.setLength(0);
            p.appendRow(b);
            size += b.length();
        }
        return size;
    }

    /** All rows as UTF-8 bytes. */
    static byte[] bytes(long rows, long seed) {
        return text(rows, seed).getBytes(StandardCharsets.US_ASCII);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String three(int v) {
        return v < 10 ? "00" + v : v < 100 ? "0" + v : Integer.toString(v);
    }
}
