package dev.glivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RowTest {
    private final Schema inner = Schema.of(Column.of("x", SparkType.INTEGER, true));
    private final Schema schema = Schema.of(
            Column.of("Id", SparkType.LONG, false),
            Column.of("name", SparkType.STRING, true),
            Column.of("price", SparkType.decimal(10, 2), true),
            Column.of("bin", SparkType.BINARY, true),
            Column.of("tags", SparkType.array(SparkType.STRING, true), true),
            Column.of("st", SparkType.struct(inner), true),
            Column.of("small", SparkType.SHORT, true),
            Column.of("ts", SparkType.TIMESTAMP, true));

    private Row row() {
        return Row.of(
                schema,
                Arrays.asList(
                        7L,
                        null,
                        new BigDecimal("1.50"),
                        new byte[] {1, 2},
                        Arrays.asList("a", null),
                        Row.of(inner, List.of(3)),
                        (short) 4,
                        Instant.EPOCH));
    }

    @Test
    @DisplayName("typed getters by index and by name, exact then case-insensitive")
    void getters() {
        Row r = row();
        assertThat(r.getLong(0)).isEqualTo(7L);
        assertThat(r.getLong("id")).isEqualTo(7L);
        assertThat(r.getLong("Id")).isEqualTo(7L);
        assertThat(r.getInt("small")).isEqualTo(4);
        assertThat(r.getLong("small")).isEqualTo(4L);
        assertThat(r.getDouble("price")).isEqualTo(1.5);
        assertThat(r.getBigDecimal("price")).isEqualTo(new BigDecimal("1.50"));
        assertThat(r.getBigDecimal("id")).isEqualTo(new BigDecimal(7));
        assertThat(r.getString("name")).isNull();
        assertThat(r.isNull("name")).isTrue();
        assertThat(r.getList("tags")).containsExactly("a", null);
        assertThat(r.getStruct("st").getInt("x")).isEqualTo(3);
        assertThat(r.getTimestamp("ts")).isEqualTo(Instant.EPOCH);
        assertThat(r.size()).isEqualTo(8);
        assertThat(r.asMap())
                .containsEntry("Id", 7L)
                .containsEntry("name", null)
                .hasSize(8);
    }

    @Test
    @DisplayName("wrong getter names the column, its type and the getter to use; unknown names list the columns")
    void wrongGetter() {
        Row r = row();
        assertThatThrownBy(() -> r.getString("price"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'price' is decimal(10,2); getString reads [string] columns. Use getBigDecimal "
                        + "or get(...)");
        assertThatThrownBy(() -> r.getInt("Id")).hasMessageContaining("Use getLong");
        assertThatThrownBy(() -> r.getDate("ts")).hasMessageContaining("Use getTimestamp");
        assertThatThrownBy(() -> r.get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column named 'nope'; columns are [Id, name, price, bin, tags, st, small, ts]");
        assertThatThrownBy(() -> r.get(8)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("binary values are copied in and out; lists are unmodifiable")
    void immutability() {
        byte[] in = {1, 2};
        Row r = Row.of(Schema.of(Column.of("b", SparkType.BINARY, true)), List.of(in));
        in[0] = 9;
        byte[] out = r.getBytes(0);
        assertThat(out).containsExactly(1, 2);
        out[1] = 9;
        assertThat((byte[]) r.get(0)).containsExactly(1, 2);
        assertThatThrownBy(() -> row().getList("tags").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("Row.of checks every value deeply and names the first misfit")
    void rowOfChecks() {
        assertThatThrownBy(() -> Row.of(schema, List.of(1L)))
                .hasMessageContaining("values has 1 entries but the " + "schema has 8 columns");
        assertThatThrownBy(() -> Row.of(Schema.of(Column.of("n", SparkType.LONG, true)), List.of(1)))
                .hasMessage("value of 'n' (bigint) must be a Long but was a java.lang.Integer");
        Schema listOfDates = Schema.of(Column.of("d", SparkType.array(SparkType.DATE, true), true));
        assertThatThrownBy(() -> Row.of(listOfDates, List.of(List.of(LocalDate.EPOCH, "2024-01-01"))))
                .hasMessageContaining("value of 'd[1]' (date) must be a LocalDate");
        Schema map = Schema.of(Column.of("m", SparkType.map(SparkType.STRING, SparkType.INTEGER, true), true));
        assertThat(Row.of(map, List.of(Map.of("a", 1))).getMap(0)).containsEntry("a", 1);
        Schema struct = Schema.of(Column.of("s", SparkType.struct(inner), true));
        Row other = Row.of(Schema.of(Column.of("y", SparkType.INTEGER, true)), List.of(1));
        assertThatThrownBy(() -> Row.of(struct, List.of(other))).hasMessageContaining("nested row has schema");
    }

    @Test
    @DisplayName("equality is by schema and values (binary by content); toString shows names and values")
    void equality() {
        assertThat(row()).isEqualTo(row()).hasSameHashCodeAs(row());
        assertThat(row().toString())
                .isEqualTo("{Id=7, name=null, price=1.50, bin=<2 bytes>, tags=[a, null], st={x=3}, "
                        + "small=4, ts=1970-01-01T00:00:00Z}");
    }

    @Test
    @DisplayName("SparkType: names, aliases, nested forms, and accessors that refuse the wrong kind")
    void sparkTypes() {
        assertThat(SparkType.named("BIGINT")).isEqualTo(SparkType.LONG);
        assertThat(SparkType.named("decimal")).isEqualTo(SparkType.decimal(10, 0));
        assertThat(SparkType.named("decimal( 5 , 2 )").scale()).isEqualTo(2);
        assertThat(SparkType.named("interval year to month").kind()).isEqualTo(SparkType.Kind.OTHER);
        assertThat(SparkType.named("void")).isEqualTo(SparkType.NULL);
        assertThat(SparkType.map(SparkType.STRING, SparkType.array(SparkType.BYTE, false), true)
                        .simpleString())
                .isEqualTo("map<string,array<tinyint>>");
        assertThatThrownBy(() -> SparkType.LONG.elementType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("elementType() is only defined for array types, but this type is bigint");
        assertThatThrownBy(() -> SparkType.named("array")).hasMessageContaining("use SparkType.array(...)");
        assertThatThrownBy(() -> SparkType.decimal(39, 0)).hasMessageContaining("between 1 and 38");
        assertThat(Column.of("id", SparkType.LONG, false).toString()).isEqualTo("id: bigint not null");
    }
}
