package dev.glivy.glue.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Infers a catalog table's data format from what the catalog records, most explicit first:
 * <ol>
 *   <li>table formats: {@code table_type=ICEBERG} → {@code iceberg}; Delta ({@code spark.sql.sources.provider=delta}
 *       or a {@code delta} classification) → {@code delta}; a Hudi input format → {@code hudi};
 *   <li>the {@code classification} parameter Glue crawlers set ({@code parquet}, {@code json}, {@code csv},
 *       {@code orc}, {@code avro}, {@code xml}...), as is but lower-case;
 *   <li>Spark's {@code spark.sql.sources.provider} parameter of tables Spark created (not {@code hive});
 *   <li>the SerDe library: Parquet, ORC, Avro, JSON (OpenX, Hive HCatalog), CSV ({@code OpenCSVSerde}, or
 *       {@code LazySimpleSerDe} with a comma delimiter; otherwise {@code text}), Grok → {@code grok}, Ion →
 *       {@code ion};
 *   <li>the input format: Parquet, ORC, Avro, sequence files, text → {@code text}.
 * </ol>
 * Empty when nothing is recognised (and for views).
 */
public final class TableFormats {
    private TableFormats() {}

    /** The inferred format, lower-case. */
    public static Optional<String> infer(
            Map<String, String> parameters,
            @Nullable String inputFormat,
            @Nullable String serde,
            Map<String, String> serdeParameters,
            @Nullable String tableType) {
        String type = lower(parameters.get("table_type"));
        String classification = lower(parameters.get("classification"));
        String provider = lower(parameters.get("spark.sql.sources.provider"));
        String input = lower(inputFormat);
        String lib = lower(serde);
        if ("iceberg".equals(type)) {
            return Optional.of("iceberg");
        }
        if ("delta".equals(provider) || "delta".equals(classification) || "delta".equals(type)) {
            return Optional.of("delta");
        }
        if (input.contains("hudi") || input.contains("hoodie")) {
            return Optional.of("hudi");
        }
        if (!classification.isEmpty() && !classification.equals("unknown")) {
            return Optional.of(classification);
        }
        if (!provider.isEmpty() && !provider.equals("hive")) {
            return Optional.of(provider.substring(provider.lastIndexOf('.') + 1));
        }
        if ("virtual_view".equals(lower(tableType))) {
            return Optional.empty();
        }
        Optional<String> bySerde = serde(lib, serdeParameters);
        return bySerde.isPresent() ? bySerde : input(input);
    }

    private static Optional<String> serde(String lib, Map<String, String> serdeParameters) {
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        if (lib.contains("parquet")) {
            return Optional.of("parquet");
        }
        if (lib.contains("orc")) {
            return Optional.of("orc");
        }
        if (lib.contains("avro")) {
            return Optional.of("avro");
        }
        if (lib.contains("json")) {
            return Optional.of("json");
        }
        if (lib.contains("opencsvserde") || lib.contains("csv")) {
            return Optional.of("csv");
        }
        if (lib.contains("grok")) {
            return Optional.of("grok");
        }
        if (lib.contains("ionhiveserde")) {
            return Optional.of("ion");
        }
        if (lib.contains("lazysimpleserde")) {
            String delim = serdeParameters.getOrDefault(
                    "field.delim", serdeParameters.getOrDefault("serialization.format", ""));
            return Optional.of(",".equals(delim) ? "csv" : "text");
        }
        return Optional.empty();
    }

    private static Optional<String> input(String input) {
        if (input.contains("parquet")) {
            return Optional.of("parquet");
        }
        if (input.contains("orc")) {
            return Optional.of("orc");
        }
        if (input.contains("avro")) {
            return Optional.of("avro");
        }
        if (input.contains("sequencefile")) {
            return Optional.of("sequencefile");
        }
        if (input.contains("textinputformat")) {
            return Optional.of("text");
        }
        return Optional.empty();
    }

    private static String lower(@Nullable String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
