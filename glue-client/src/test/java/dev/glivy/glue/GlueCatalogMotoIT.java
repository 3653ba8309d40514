package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.glue.stub.MotoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Data Catalog browsing against {@code moto_server}'s Glue catalog through the real SDK: the seed's "find
 * county_populations" step without a session. Moto answers GetDatabases/GetTables in one page, so paging and
 * retries are covered against the Glue stub ({@link GlueCatalogStubIT}).
 */
@DisplayName("GlueCatalog against moto_server: databases, tables, schemas, formats, partition keys, errors")
class GlueCatalogMotoIT {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMOTO", "moto-secret"));

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private GlueClient raw;
    private GlueCatalog catalog;

    @BeforeEach
    void setUp() {
        raw = GlueClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(MOTO.uri())
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        catalog = GlueCatalog.builder()
                .clientConfig(c -> c.endpointOverride(MOTO.uri()).credentialsProvider(CREDENTIALS))
                .region("us-east-1")
                .pageSize(2)
                .build();
        raw.createDatabase(r -> r.databaseInput(d -> d.name("covid-19")
                .description("COVID-19 data lake")
                .locationUri("s3://covid19-lake/")
                .parameters(Map.of("owner", "aws"))));
        raw.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        raw.createDatabase(r -> r.databaseInput(d -> d.name("legislators")));
        table(
                "covid-19",
                TableInput.builder()
                        .name("county_populations")
                        .tableType("EXTERNAL_TABLE")
                        .description("US county populations")
                        .owner("hadoop")
                        .parameters(
                                Map.of("classification", "csv", "skip.header.line.count", "1", "recordCount", "3142"))
                        .storageDescriptor(sd(
                                "s3://covid19-lake/static-datasets/csv/CountyPopulation/",
                                "org.apache.hadoop.mapred.TextInputFormat",
                                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                                Map.of("field.delim", ","),
                                col("id", "string", null),
                                col("id2", "string", null),
                                col("county", "string", null),
                                col("state", "string", null),
                                col("population estimate 2018", "string", "as published, not numeric")))
                        .build());
        table(
                "covid-19",
                TableInput.builder()
                        .name("country_codes")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of("classification", "json"))
                        .storageDescriptor(sd(
                                "s3://covid19-lake/static-datasets/json/country-codes/",
                                "org.apache.hadoop.mapred.TextInputFormat",
                                null,
                                "org.openx.data.jsonserde.JsonSerDe",
                                Map.of(),
                                col("country", "string", null),
                                col("alpha-2 code", "string", null)))
                        .build());
        table(
                "sales",
                TableInput.builder()
                        .name("orders")
                        .tableType("EXTERNAL_TABLE")
                        .partitionKeys(col("year", "int", null), col("month", "int", "1 to 12"))
                        .storageDescriptor(sd(
                                "s3://sales/orders/",
                                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                                Map.of(),
                                col("order_id", "bigint", null),
                                col("items", "array<struct<sku:string,qty:int>>", null),
                                col("total", "decimal(10,2)", null)))
                        .build());
        table(
                "sales",
                TableInput.builder()
                        .name("orders_by_day")
                        .tableType("VIRTUAL_VIEW")
                        .viewOriginalText("select * from orders")
                        .storageDescriptor(sd(
                                null, null, null, null, Map.of(), col("day", "date", null), col("n", "bigint", null)))
                        .build());
        table(
                "sales",
                TableInput.builder()
                        .name("returns")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of(
                                "table_type", "ICEBERG", "metadata_location", "s3://sales/returns/metadata/1.json"))
                        .storageDescriptor(
                                sd("s3://sales/returns/", null, null, null, Map.of(), col("order_id", "bigint", null)))
                        .build());
        table(
                "sales",
                TableInput.builder()
                        .name("customers")
                        .tableType("EXTERNAL_TABLE")
                        .storageDescriptor(sd(
                                "s3://sales/customers/",
                                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                                null,
                                null,
                                Map.of(),
                                col("id", "bigint", null)))
                        .build());
    }

    private static Column col(String name, String type, String comment) {
        return Column.builder().name(name).type(type).comment(comment).build();
    }

    private static StorageDescriptor sd(
            String location, String in, String out, String serde, Map<String, String> serdeParams, Column... columns) {
        StorageDescriptor.Builder b = StorageDescriptor.builder()
                .columns(columns)
                .location(location)
                .inputFormat(in)
                .outputFormat(out);
        if (serde != null) {
            b.serdeInfo(s -> s.serializationLibrary(serde).parameters(serdeParams));
        }
        return b.build();
    }

    private void table(String db, TableInput t) {
        raw.createTable(r -> r.databaseName(db).tableInput(t));
    }

    @AfterEach
    void tearDown() {
        catalog.close();
        raw.close();
    }

    @Test
    @DisplayName("the seed's first step: find county_populations and read its schema, location and format")
    void seedLookup() {
        assertThat(catalog.databases())
                .extracting(GlueDatabase::name)
                .containsExactly("covid-19", "sales", "legislators");
        assertThat(catalog.tables("covid-19"))
                .extracting(GlueTable::name)
                .containsExactly("county_populations", "country_codes");
        GlueTable t = catalog.table("covid-19", "county_populations");
        assertThat(t.database()).isEqualTo("covid-19");
        assertThat(t.qualifiedName()).isEqualTo("`covid-19`.`county_populations`");
        assertThat(t.columns())
                .extracting(GlueColumn::toString)
                .containsExactly(
                        "id string",
                        "id2 string",
                        "county string",
                        "state string",
                        "population estimate 2018 string -- as published, not numeric");
        assertThat(t.column("POPULATION ESTIMATE 2018"))
                .map(c -> c.comment().orElseThrow())
                .contains("as published, not numeric");
        assertThat(t.partitionKeys()).isEmpty();
        assertThat(t.partitioned()).isFalse();
        assertThat(t.location()).contains("s3://covid19-lake/static-datasets/csv/CountyPopulation/");
        assertThat(t.format()).contains("csv");
        assertThat(t.inputFormat()).contains("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(t.outputFormat()).contains("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assertThat(t.serde()).contains("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(t.serdeParameters()).containsEntry("field.delim", ",");
        assertThat(t.tableType()).contains("EXTERNAL_TABLE");
        assertThat(t.view()).isFalse();
        assertThat(t.description()).contains("US county populations");
        assertThat(t.owner()).contains("hadoop");
        assertThat(t.parameters()).containsEntry("recordCount", "3142").containsEntry("skip.header.line.count", "1");
        assertThat(t.createTime()).hasValueSatisfying(c -> assertThat(c)
                .isBefore(Instant.now().plusSeconds(60))
                .isAfter(Instant.now().minusSeconds(3600)));
        assertThat(t.catalogId()).contains("123456789012");

        GlueDatabase db = catalog.database("covid-19");
        assertThat(db.description()).contains("COVID-19 data lake");
        assertThat(db.locationUri()).contains("s3://covid19-lake/");
        assertThat(db.parameters()).containsEntry("owner", "aws");
        assertThat(db.createTime()).isPresent();
    }

    @Test
    @DisplayName("partition keys, nested types, views, Iceberg, ORC, JSON: what each table is")
    void tableDetails() {
        GlueTable orders = catalog.table("sales", "orders");
        assertThat(orders.partitionKeys())
                .containsExactly(GlueColumn.of("year", "int", null), GlueColumn.of("month", "int", "1 to 12"));
        assertThat(orders.partitioned()).isTrue();
        assertThat(orders.columns())
                .extracting(GlueColumn::type)
                .containsExactly("bigint", "array<struct<sku:string,qty:int>>", "decimal(10,2)");
        assertThat(orders.allColumns())
                .extracting(GlueColumn::name)
                .containsExactly("order_id", "items", "total", "year", "month");
        assertThat(orders.format()).contains("parquet");

        GlueTable view = catalog.table("sales", "orders_by_day");
        assertThat(view.view()).isTrue();
        assertThat(view.format()).isEmpty();
        assertThat(view.location()).isEmpty();

        assertThat(catalog.table("sales", "returns").format()).contains("iceberg");
        assertThat(catalog.table("sales", "customers").format()).contains("orc");
        assertThat(catalog.table("covid-19", "country_codes").format()).contains("json");
    }

    @Test
    @DisplayName("filters: database name patterns, Glue's table expression, Java predicates")
    void filters() {
        assertThat(catalog.databases("COVID*")).extracting(GlueDatabase::name).containsExactly("covid-19");
        assertThat(catalog.databases("s?les")).extracting(GlueDatabase::name).containsExactly("sales");
        assertThat(catalog.databases("*e*")).extracting(GlueDatabase::name).containsExactly("sales", "legislators");
        assertThat(catalog.databases("sale")).isEmpty();
        assertThat(catalog.databases(d -> d.locationUri().isPresent()))
                .extracting(GlueDatabase::name)
                .containsExactly("covid-19");
        assertThat(catalog.tables("sales", "orders*"))
                .extracting(GlueTable::name)
                .containsExactly("orders", "orders_by_day");
        assertThat(catalog.tables("covid-19", "county*"))
                .extracting(GlueTable::name)
                .containsExactly("county_populations");
        assertThat(catalog.tables("sales", t -> t.partitioned() || t.format().equals(Optional.of("orc"))))
                .extracting(GlueTable::name)
                .containsExactly("orders", "customers");
        assertThat(catalog.tables("legislators")).isEmpty();
    }

    @Test
    @DisplayName("a missing database or table names it and says how to list what exists")
    void notFound() {
        assertThatThrownBy(() -> catalog.tables("covid19"))
                .isInstanceOfSatisfying(GlueCatalogNotFoundException.class, e -> {
                    assertThat(e.database()).isEqualTo("covid19");
                    assertThat(e.table()).isEmpty();
                    assertThat(e.errorCode()).isEqualTo("EntityNotFoundException");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.backend()).isEqualTo("glue");
                })
                .hasMessageContaining("Database 'covid19' not found")
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("GlueCatalog.databases()");
        assertThatThrownBy(() -> catalog.database("nope"))
                .isInstanceOf(GlueCatalogNotFoundException.class)
                .hasMessageContaining("Database 'nope' not found");
        assertThatThrownBy(() -> catalog.table("covid-19", "county_population"))
                .isInstanceOfSatisfying(GlueCatalogNotFoundException.class, e -> {
                    assertThat(e.database()).isEqualTo("covid-19");
                    assertThat(e.table()).contains("county_population");
                })
                .hasMessageContaining("Table 'county_population' not found in database 'covid-19'")
                .hasMessageContaining("GlueCatalog.tables(\"covid-19\")");
        assertThatThrownBy(() -> catalog.table("nope", "county_populations"))
                .isInstanceOfSatisfying(GlueCatalogNotFoundException.class, e -> assertThat(e.table())
                        .isEmpty())
                .hasMessageContaining("Database 'nope' not found");
        assertThatThrownBy(() -> catalog.table("covid-19", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table must not be blank");
    }

    @Test
    @DisplayName("one GlueClientConfig for a transport and a catalog; a Glue client passed in works")
    void viaTransportAndPassedClient() {
        GlueClientConfig aws = GlueClientConfig.builder()
                .region("us-east-1")
                .endpointOverride(MOTO.uri())
                .stsEndpointOverride(MOTO.uri())
                .credentialsProvider(CREDENTIALS)
                .build();
        try (GlueTransport glue = GlueTransport.builder().clientConfig(aws).build();
                GlueCatalog c = GlueCatalog.builder().clientConfig(aws).build()) {
            assertThat(c.table("sales", "orders").partitionKeys()).hasSize(2);
            assertThat(glue.endpoint()).isEqualTo(MOTO.uri().toString());
        }
        try (GlueCatalog passed =
                GlueCatalog.builder().clientConfig(c -> c.glueClient(raw)).build()) {
            assertThat(passed.databases()).hasSize(3);
        }
        assertThat(raw.getDatabases(r -> {}).databaseList()).hasSize(3);
    }

    @Test
    @DisplayName("many tables: every one is listed (moto answers one page; the stub test pages)")
    void manyTables() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String n = String.format("t%02d", i);
            names.add(n);
            table(
                    "legislators",
                    TableInput.builder()
                            .name(n)
                            .storageDescriptor(
                                    sd("s3://l/" + n + "/", null, null, null, Map.of(), col("id", "bigint", null)))
                            .build());
        }
        assertThat(catalog.tables("legislators")).extracting(GlueTable::name).containsExactlyElementsOf(names);
    }
}
