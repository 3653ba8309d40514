package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TableFormats infers a table's format from the most explicit catalog metadata")
class TableFormatsTest {
    private static final String PARQUET_IN = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String TEXT_IN = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String LAZY = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

    private static Optional<String> infer(
            Map<String, String> params, String input, String serde, Map<String, String> serdeParams, String type) {
        return TableFormats.infer(params, input, serde, serdeParams, type);
    }

    @Test
    @DisplayName("table formats first, then the crawler's classification, Spark's provider, the SerDe, the input")
    void precedence() {
        assertThat(infer(
                        Map.of("table_type", "ICEBERG", "classification", "parquet"),
                        PARQUET_IN,
                        PARQUET_SERDE,
                        Map.of(),
                        "EXTERNAL_TABLE"))
                .contains("iceberg");
        assertThat(infer(Map.of("spark.sql.sources.provider", "delta"), null, null, Map.of(), null))
                .contains("delta");
        assertThat(infer(Map.of(), "org.apache.hudi.hadoop.HoodieParquetInputFormat", PARQUET_SERDE, Map.of(), null))
                .contains("hudi");
        assertThat(infer(Map.of("classification", "CSV"), TEXT_IN, LAZY, Map.of("field.delim", "\t"), null))
                .contains("csv");
        assertThat(infer(
                        Map.of("spark.sql.sources.provider", "org.apache.spark.sql.parquet"),
                        null,
                        null,
                        Map.of(),
                        null))
                .contains("parquet");
        assertThat(infer(Map.of("spark.sql.sources.provider", "hive"), PARQUET_IN, PARQUET_SERDE, Map.of(), null))
                .contains("parquet");
        assertThat(infer(Map.of("classification", "Unknown"), PARQUET_IN, null, Map.of(), null))
                .contains("parquet");
    }

    @Test
    @DisplayName("SerDe libraries and input formats of the common formats")
    void serdesAndInputs() {
        assertThat(infer(Map.of(), null, "org.openx.data.jsonserde.JsonSerDe", Map.of(), null))
                .contains("json");
        assertThat(infer(Map.of(), null, "org.apache.hive.hcatalog.data.JsonSerDe", Map.of(), null))
                .contains("json");
        assertThat(infer(Map.of(), null, "org.apache.hadoop.hive.serde2.OpenCSVSerde", Map.of(), null))
                .contains("csv");
        assertThat(infer(Map.of(), TEXT_IN, LAZY, Map.of("field.delim", ","), null))
                .contains("csv");
        assertThat(infer(Map.of(), TEXT_IN, LAZY, Map.of("serialization.format", ","), null))
                .contains("csv");
        assertThat(infer(Map.of(), TEXT_IN, LAZY, Map.of("field.delim", "|"), null))
                .contains("text");
        assertThat(infer(Map.of(), null, "org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of(), null))
                .contains("orc");
        assertThat(infer(Map.of(), null, "org.apache.hadoop.hive.serde2.avro.AvroSerDe", Map.of(), null))
                .contains("avro");
        assertThat(infer(Map.of(), null, "com.amazon.ionhiveserde.IonHiveSerDe", Map.of(), null))
                .contains("ion");
        assertThat(infer(Map.of(), "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", null, Map.of(), null))
                .contains("orc");
        assertThat(infer(Map.of(), TEXT_IN, null, Map.of(), null)).contains("text");
        assertThat(infer(Map.of(), "org.apache.hadoop.mapred.SequenceFileInputFormat", null, Map.of(), null))
                .contains("sequencefile");
    }

    @Test
    @DisplayName("views and tables without format metadata have no format")
    void unknown() {
        assertThat(infer(Map.of(), null, null, Map.of(), "VIRTUAL_VIEW")).isEmpty();
        assertThat(infer(Map.of(), null, null, Map.of(), "EXTERNAL_TABLE")).isEmpty();
        assertThat(infer(Map.of(), "com.example.Custom", "com.example.CustomSerDe", Map.of(), null))
                .isEmpty();
    }
}
