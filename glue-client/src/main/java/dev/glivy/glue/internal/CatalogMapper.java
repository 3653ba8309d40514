package dev.glivy.glue.internal;

import dev.glivy.glue.GlueColumn;
import dev.glivy.glue.GlueDatabase;
import dev.glivy.glue.GlueTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/** Glue Data Catalog model objects to Glivy's value types. */
public final class CatalogMapper {
    private CatalogMapper() {}

    /** A database. */
    public static GlueDatabase database(Database d) {
        return GlueDatabase.of(
                Objects.requireNonNullElse(d.name(), ""),
                d.description(),
                d.locationUri(),
                d.hasParameters() ? d.parameters() : Map.of(),
                d.createTime(),
                d.catalogId());
    }

    /** A table; {@code database} is used when the answer does not name it. */
    public static GlueTable table(Table t, String database) {
        StorageDescriptor sd = t.storageDescriptor();
        SerDeInfo serde = sd == null ? null : sd.serdeInfo();
        Map<String, String> params = t.hasParameters() ? t.parameters() : Map.of();
        Map<String, String> serdeParams = serde != null && serde.hasParameters() ? serde.parameters() : Map.of();
        String inputFormat = sd == null ? null : sd.inputFormat();
        String library = serde == null ? null : serde.serializationLibrary();
        return GlueTable.builder(
                        t.databaseName() == null ? database : t.databaseName(),
                        Objects.requireNonNullElse(t.name(), ""))
                .catalogId(t.catalogId())
                .description(t.description())
                .owner(t.owner())
                .columns(sd != null && sd.hasColumns() ? columns(sd.columns()) : List.of())
                .partitionKeys(t.hasPartitionKeys() ? columns(t.partitionKeys()) : List.of())
                .location(sd == null ? null : sd.location())
                .inputFormat(inputFormat)
                .outputFormat(sd == null ? null : sd.outputFormat())
                .serde(library)
                .serdeParameters(serdeParams)
                .format(TableFormats.infer(params, inputFormat, library, serdeParams, t.tableType())
                        .orElse(null))
                .tableType(t.tableType())
                .createTime(t.createTime())
                .updateTime(t.updateTime())
                .parameters(params)
                .build();
    }

    private static List<GlueColumn> columns(List<Column> in) {
        List<GlueColumn> out = new ArrayList<>(in.size());
        for (Column c : in) {
            out.add(GlueColumn.of(
                    Objects.requireNonNullElse(c.name(), ""), Objects.requireNonNullElse(c.type(), ""), c.comment()));
        }
        return out;
    }
}
