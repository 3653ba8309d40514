package dev.glivy;

import static dev.glivy.SqlTestSupport.decodeEnvelope;
import static dev.glivy.SqlTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SqlRecordMappingTest {
    private static final String ITEM = "{\"type\":\"struct\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\","
            + "\"nullable\":true,\"metadata\":{}},{\"name\":\"qty\",\"type\":\"integer\",\"nullable\":true,"
            + "\"metadata\":{}}]}";
    private static final String ORDERS = schema(
            "order_id:\"long\"",
            "CUSTOMER:\"string\"",
            "total:\"decimal(10,2)\"",
            "placed_at:\"timestamp\"",
            "day:\"date\"",
            "items:{\"type\":\"array\",\"elementType\":" + ITEM + ",\"containsNull\":true}",
            "attrs:{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":" + "\"integer\",\"valueContainsNull\":true}",
            "ignored:\"string\"",
            "payload:\"binary\"");
    private static final List<String> ROWS = List.of(
            "{\"order_id\":1,\"CUSTOMER\":\"ann\",\"total\":12.50,\"placed_at\":\"2024-01-02T03:04:05.123Z\","
                    + "\"day\":\"2024-01-02\",\"items\":[{\"sku\":\"a\",\"qty\":2}],\"attrs\":{\"x\":1},"
                    + "\"payload\":\"AQI=\"}",
            "{\"order_id\":2,\"total\":0.00,\"items\":[],\"attrs\":{}}");

    record Item(String sku, int qty) {}

    record Order(
            long orderId,
            String customer,
            BigDecimal total,
            Instant placedAt,
            LocalDate day,
            List<Item> items,
            Map<String, Integer> attrs,
            byte[] payload) {}

    record AsText(String orderId, String total, String placedAt, String day) {}

    record Offsets(OffsetDateTime placedAt) {}

    /** A POJO with setters and a renamed property. */
    public static final class Bean {
        private long id;
        public String who;

        public void setOrderId(long id) {
            this.id = id;
        }

        @JsonProperty("CUSTOMER")
        public void setWho(String who) {
            this.who = who;
        }
    }

    record WrongType(long orderId, int total) {}

    record Primitive(int qty) {}

    record Missing(long orderId, String nowhere, String notThere) {}

    @Test
    @DisplayName("records: exact, case-insensitive and snake_case names; nested structs, lists, maps, time, binary")
    void records() {
        SqlResult r = decodeEnvelope(ORDERS, ROWS, 10, false);
        List<Order> orders = r.asRecords(Order.class);
        Order o = orders.get(0);
        assertThat(o.orderId()).isEqualTo(1L);
        assertThat(o.customer()).isEqualTo("ann");
        assertThat(o.total()).isEqualTo(new BigDecimal("12.50"));
        assertThat(o.placedAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
        assertThat(o.day()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(o.items()).containsExactly(new Item("a", 2));
        assertThat(o.attrs()).containsEntry("x", 1);
        assertThat(o.payload()).containsExactly(1, 2);
        Order second = orders.get(1);
        assertThat(second.customer()).isNull();
        assertThat(second.placedAt()).isNull();
        assertThat(second.items()).isEmpty();
        assertThat(r.asRecords(AsText.class).get(0))
                .isEqualTo(new AsText("1", "12.50", "2024-01-02T03:04:05.123Z", "2024-01-02"));
        assertThat(r.asRecords(Offsets.class).get(0).placedAt())
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("POJOs with setters and @JsonProperty")
    void pojo() {
        List<Bean> beans = decodeEnvelope(ORDERS, ROWS, 10, false).asRecords(Bean.class);
        assertThat(beans.get(0).id).isEqualTo(1L);
        assertThat(beans.get(0).who).isEqualTo("ann");
    }

    @Test
    @DisplayName("a value that does not fit names the row, column, Spark type, value, property and Java type")
    void misfit() {
        SqlResult r = decodeEnvelope(ORDERS, ROWS, 10, false);
        assertThatThrownBy(() -> r.asRecords(WrongType.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot map row 1 to " + WrongType.class.getName()
                        + ": column 'total' (decimal(10,2)) holds 12.50, which does not fit property 'total' of "
                        + "type int: ");
        SqlResult nulls = decodeEnvelope(schema("qty:\"integer\""), List.of("{\"qty\":1}", "{}"), 10, false);
        assertThatThrownBy(() -> nulls.asRecords(Primitive.class))
                .hasMessageContaining("Cannot map row 2")
                .hasMessageContaining("column 'qty' (int) holds null");
        SqlResult big = decodeEnvelope(schema("qty:\"long\""), List.of("{\"qty\":3000000000}"), 10, false);
        assertThatThrownBy(() -> big.asRecords(Primitive.class))
                .hasMessageContaining("holds 3000000000")
                .hasMessageContaining("type int");
    }

    @Test
    @DisplayName("properties without a column are an error listing them and the columns")
    void missingColumns() {
        SqlResult r = decodeEnvelope(ORDERS, ROWS, 10, false);
        assertThatThrownBy(() -> r.asRecords(Missing.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column for properties [nowhere, notThere]")
                .hasMessageContaining("the columns are [order_id, CUSTOMER");
        SqlResult ambiguous = decodeEnvelope(schema("Qty:\"integer\"", "QTY:\"integer\""), List.of("{}"), 10, false);
        assertThatThrownBy(() -> ambiguous.asRecords(Primitive.class))
                .hasMessageContaining("property 'qty' matches both column 'Qty' and column 'QTY'");
    }
}
