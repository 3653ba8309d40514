package dev.glivy.glue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A table of the Glue Data Catalog, as {@link GlueCatalog} reads it: where the data is, in what format, with which
 * columns and partition keys. Nothing here touches the data.
 *
 * <p>{@link #format()} is inferred, most explicit first: Iceberg, Delta and Hudi tables; the {@code classification}
 * parameter Glue crawlers set; the {@code spark.sql.sources.provider} of tables Spark created; the SerDe library;
 * the input format. Values: {@code parquet}, {@code orc}, {@code avro}, {@code json}, {@code csv}, {@code text},
 * {@code iceberg}, {@code delta}, {@code hudi}, or a crawler's own classification.
 *
 * <p>Immutable. Build one with {@link #builder(String, String)} (used by the catalog; handy in tests).
 */
public final class GlueTable {
    /** The table type of views: {@value}. */
    public static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";

    private final String database;
    private final String name;
    private final @Nullable String catalogId;
    private final @Nullable String description;
    private final @Nullable String owner;
    private final List<GlueColumn> columns;
    private final List<GlueColumn> partitionKeys;
    private final @Nullable String location;
    private final @Nullable String inputFormat;
    private final @Nullable String outputFormat;
    private final @Nullable String serde;
    private final Map<String, String> serdeParameters;
    private final @Nullable String format;
    private final @Nullable String tableType;
    private final @Nullable Instant createTime;
    private final @Nullable Instant updateTime;
    private final Map<String, String> parameters;

    private GlueTable(Builder b) {
        this.database = b.database;
        this.name = b.name;
        this.catalogId = GlueDatabase.blankToNull(b.catalogId);
        this.description = GlueDatabase.blankToNull(b.description);
        this.owner = GlueDatabase.blankToNull(b.owner);
        this.columns = List.copyOf(b.columns);
        this.partitionKeys = List.copyOf(b.partitionKeys);
        this.location = GlueDatabase.blankToNull(b.location);
        this.inputFormat = GlueDatabase.blankToNull(b.inputFormat);
        this.outputFormat = GlueDatabase.blankToNull(b.outputFormat);
        this.serde = GlueDatabase.blankToNull(b.serde);
        this.serdeParameters = Map.copyOf(b.serdeParameters);
        this.format = GlueDatabase.blankToNull(b.format);
        this.tableType = GlueDatabase.blankToNull(b.tableType);
        this.createTime = b.createTime;
        this.updateTime = b.updateTime;
        this.parameters = Map.copyOf(b.parameters);
    }

    /** A builder for table {@code name} of {@code database}. */
    public static Builder builder(String database, String name) {
        return new Builder(database, name);
    }

    /** The database. */
    public String database() {
        return database;
    }

    /** The table name. */
    public String name() {
        return name;
    }

    /**
     * {@code database.name}, quoted with backticks for Spark SQL, for example
     * {@code `covid-19`.`county_populations`}.
     */
    public String qualifiedName() {
        return "`" + database.replace("`", "``") + "`.`" + name.replace("`", "``") + "`";
    }

    /** The id of the catalog (the AWS account) holding it, when the catalog says. */
    public Optional<String> catalogId() {
        return Optional.ofNullable(catalogId);
    }

    /** The description, when set. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The owner, when set. */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** The data columns, in order (partition keys not included). */
    public List<GlueColumn> columns() {
        return columns;
    }

    /** The partition keys, in order; empty for an unpartitioned table. */
    public List<GlueColumn> partitionKeys() {
        return partitionKeys;
    }

    /** The columns as Spark shows them: the data columns, then the partition keys. */
    public List<GlueColumn> allColumns() {
        List<GlueColumn> all = new ArrayList<>(columns);
        all.addAll(partitionKeys);
        return List.copyOf(all);
    }

    /** The column named {@code name} (data column or partition key; case-insensitive), if any. */
    public Optional<GlueColumn> column(String name) {
        Objects.requireNonNull(name, "name must not be null");
        for (GlueColumn c : allColumns()) {
            if (c.name().equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** {@code true} when the table has partition keys. */
    public boolean partitioned() {
        return !partitionKeys.isEmpty();
    }

    /** Where the data is, for example {@code s3://bucket/path/}, when set (views have none). */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** The Hadoop input format class, when set. */
    public Optional<String> inputFormat() {
        return Optional.ofNullable(inputFormat);
    }

    /** The Hadoop output format class, when set. */
    public Optional<String> outputFormat() {
        return Optional.ofNullable(outputFormat);
    }

    /** The SerDe (serialization library) class, when set. */
    public Optional<String> serde() {
        return Optional.ofNullable(serde);
    }

    /** The SerDe parameters, for example {@code field.delim} (unmodifiable). */
    public Map<String, String> serdeParameters() {
        return serdeParameters;
    }

    /** The inferred data format in lower case (see the class comment), or empty when unknown. */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /** The table type, for example {@code EXTERNAL_TABLE}, {@code VIRTUAL_VIEW}, {@code GOVERNED}, when set. */
    public Optional<String> tableType() {
        return Optional.ofNullable(tableType);
    }

    /** {@code true} for a view. */
    public boolean view() {
        return VIRTUAL_VIEW.equals(tableType);
    }

    /** When the table was created, when the catalog says. */
    public Optional<Instant> createTime() {
        return Optional.ofNullable(createTime);
    }

    /** When the table was last updated, when the catalog says. */
    public Optional<Instant> updateTime() {
        return Optional.ofNullable(updateTime);
    }

    /** The table parameters, for example {@code classification} or {@code recordCount} (unmodifiable). */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlueTable t
                && t.database.equals(database)
                && t.name.equals(name)
                && Objects.equals(t.catalogId, catalogId)
                && Objects.equals(t.description, description)
                && Objects.equals(t.owner, owner)
                && t.columns.equals(columns)
                && t.partitionKeys.equals(partitionKeys)
                && Objects.equals(t.location, location)
                && Objects.equals(t.inputFormat, inputFormat)
                && Objects.equals(t.outputFormat, outputFormat)
                && Objects.equals(t.serde, serde)
                && t.serdeParameters.equals(serdeParameters)
                && Objects.equals(t.format, format)
                && Objects.equals(t.tableType, tableType)
                && Objects.equals(t.createTime, createTime)
                && Objects.equals(t.updateTime, updateTime)
                && t.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                database,
                name,
                catalogId,
                columns,
                partitionKeys,
                location,
                format,
                tableType,
                createTime,
                updateTime,
                parameters);
    }

    @Override
    public String toString() {
        return "GlueTable{" + database + "." + name + ", columns=" + columns + ", partitionKeys=" + partitionKeys
                + (format == null ? "" : ", format=" + format) + (location == null ? "" : ", location=" + location)
                + "}";
    }

    /** Builder for {@link GlueTable}; every setting but database and name is optional. Not thread-safe. */
    public static final class Builder {
        private final String database;
        private final String name;
        private @Nullable String catalogId;
        private @Nullable String description;
        private @Nullable String owner;
        private List<GlueColumn> columns = List.of();
        private List<GlueColumn> partitionKeys = List.of();
        private @Nullable String location;
        private @Nullable String inputFormat;
        private @Nullable String outputFormat;
        private @Nullable String serde;
        private Map<String, String> serdeParameters = Map.of();
        private @Nullable String format;
        private @Nullable String tableType;
        private @Nullable Instant createTime;
        private @Nullable Instant updateTime;
        private Map<String, String> parameters = Map.of();

        private Builder(String database, String name) {
            this.database = Objects.requireNonNull(database, "database must not be null");
            this.name = Objects.requireNonNull(name, "name must not be null");
        }

        /** The catalog id. */
        public Builder catalogId(@Nullable String v) {
            this.catalogId = v;
            return this;
        }

        /** The description. */
        public Builder description(@Nullable String v) {
            this.description = v;
            return this;
        }

        /** The owner. */
        public Builder owner(@Nullable String v) {
            this.owner = v;
            return this;
        }

        /** The data columns (copied). */
        public Builder columns(List<GlueColumn> v) {
            this.columns = List.copyOf(v);
            return this;
        }

        /** The partition keys (copied). */
        public Builder partitionKeys(List<GlueColumn> v) {
            this.partitionKeys = List.copyOf(v);
            return this;
        }

        /** The data location. */
        public Builder location(@Nullable String v) {
            this.location = v;
            return this;
        }

        /** The input format class. */
        public Builder inputFormat(@Nullable String v) {
            this.inputFormat = v;
            return this;
        }

        /** The output format class. */
        public Builder outputFormat(@Nullable String v) {
            this.outputFormat = v;
            return this;
        }

        /** The SerDe class. */
        public Builder serde(@Nullable String v) {
            this.serde = v;
            return this;
        }

        /** The SerDe parameters (copied). */
        public Builder serdeParameters(Map<String, String> v) {
            this.serdeParameters = Map.copyOf(v);
            return this;
        }

        /** The data format, lower case (the catalog infers it; see the class comment). */
        public Builder format(@Nullable String v) {
            this.format = v;
            return this;
        }

        /** The table type. */
        public Builder tableType(@Nullable String v) {
            this.tableType = v;
            return this;
        }

        /** The creation time. */
        public Builder createTime(@Nullable Instant v) {
            this.createTime = v;
            return this;
        }

        /** The last update time. */
        public Builder updateTime(@Nullable Instant v) {
            this.updateTime = v;
            return this;
        }

        /** The table parameters (copied). */
        public Builder parameters(Map<String, String> v) {
            this.parameters = Map.copyOf(v);
            return this;
        }

        /** Builds the table. */
        public GlueTable build() {
            return new GlueTable(this);
        }
    }
}
