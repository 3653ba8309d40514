package dev.glivy.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemporalTextTest {
    private static Instant instant(String s) {
        return TemporalText.instant(s.toCharArray(), 0, s.length());
    }

    private static LocalDate date(String s) {
        char[] padded = ("xx" + s + "yy").toCharArray();
        return TemporalText.date(padded, 2, s.length());
    }

    @Test
    @DisplayName("the fast path agrees with java.time on 10,000 random instants, offsets and precisions")
    void agreesWithJavaTime() {
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong() % 250_000_000_000L, r.nextInt(1_000_000_000));
            int digits = r.nextInt(10);
            long scale = (long) Math.pow(10, 9 - digits);
            t = t.minusNanos(t.getNano() % scale);
            ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(36) - 18) * 3600 + (r.nextBoolean() ? 1800 : 0));
            LocalDateTime local = LocalDateTime.ofInstant(t, off);
            if (local.getYear() < 0 || local.getYear() > 9999) {
                continue;
            }
            String frac = digits == 0
                    ? ""
                    : "." + String.format("%09d", local.getNano()).substring(0, digits);
            String base = String.format(
                            "%04d-%02d-%02d%c%02d:%02d:%02d",
                            local.getYear(),
                            local.getMonthValue(),
                            local.getDayOfMonth(),
                            r.nextBoolean() ? 'T' : ' ',
                            local.getHour(),
                            local.getMinute(),
                            local.getSecond())
                    + frac;
            assertThat(instant(base + off.getId().replace("Z", "+00:00")))
                    .as(base)
                    .isEqualTo(t);
            assertThat(instant(base
                            + (off.getTotalSeconds() == 0 ? "Z" : off.getId().replace(":", ""))))
                    .isEqualTo(t);
            String ntz = base.replace(' ', 'T');
            assertThat(TemporalText.localDateTime(ntz.toCharArray(), 0, ntz.length()))
                    .isEqualTo(local);
        }
    }

    @Test
    @DisplayName("invalid dates and times are rejected, not rolled over")
    void rejects() {
        assertThat(instant("2024-02-30T00:00:00Z")).isNull();
        assertThat(instant("2024-01-02T24:00:00Z")).isNull();
        assertThat(instant("2024-01-02T03:04:05+25:00")).isNull();
        assertThat(instant("yesterday")).isNull();
        assertThat(date("2023-02-29")).isNull();
        assertThat(date("2024-1-2")).isNull();
        assertThat(date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(date("-0044-03-15")).isEqualTo(LocalDate.of(-44, 3, 15));
        String withOffset = "2024-01-02T03:04:05+01:00";
        assertThat(TemporalText.localDateTime(withOffset.toCharArray(), 0, withOffset.length()))
                .isNull();
    }

    @Test
    @DisplayName("edge cases of the hand-written paths: century leap days, year 0, offsets up to +-18:00, 1-9 digits")
    void edges() {
        assertThat(date("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(date("1900-02-29")).isNull();
        assertThat(date("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(date("0000-02-29")).isEqualTo(LocalDate.of(0, 2, 29));
        assertThat(date("9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(date("2024-13-01")).isNull();
        assertThat(date("2024-00-10")).isNull();
        assertThat(date("2024-01-0a")).isNull();
        assertThat(date("2024/01/02")).isNull();
        assertThat(instant("1969-12-31T23:59:59.999999999Z")).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
        assertThat(instant("2024-01-02T03:04:05.1Z")).isEqualTo(Instant.parse("2024-01-02T03:04:05.100Z"));
        assertThat(instant("2024-01-02T03:04:05.1234567890Z")).isNull();
        assertThat(instant("2024-01-02T03:04:05+18:00")).isEqualTo(Instant.parse("2024-01-01T09:04:05Z"));
        assertThat(instant("2024-01-02T03:04:05-18:00")).isEqualTo(Instant.parse("2024-01-02T21:04:05Z"));
        assertThat(instant("2024-01-02T03:04:05+18:30")).isNull();
        assertThat(instant("2024-01-02T03:04:05-0530")).isEqualTo(Instant.parse("2024-01-02T08:34:05Z"));
        assertThat(instant("2024-01-02T03:04:60Z")).isNull();
        assertThat(instant("2024-01-02T03:60:05Z")).isNull();
        assertThat(instant("2024-01-02X03:04:05Z")).isNull();
    }
}
