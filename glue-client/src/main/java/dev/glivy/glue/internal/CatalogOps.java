package dev.glivy.glue.internal;

import dev.glivy.glue.GlueCatalogNotFoundException;
import dev.glivy.glue.GlueDatabase;
import dev.glivy.glue.GlueTable;
import dev.glivy.internal.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;

/**
 * The Data Catalog calls: GetDatabases and GetTables (every page, each page retried on its own), GetDatabase and
 * GetTable. A missing database or table becomes {@link GlueCatalogNotFoundException}; other failures are mapped by
 * {@link GlueErrorMapper} and retried when retryable, through {@link BlockingRetry}. Blocking; thread-safe.
 */
public final class CatalogOps {
    private final Supplier<CompletableFuture<AwsClients>> clients;
    private final BlockingRetry retry;
    private final int pageSize;
    private final @Nullable String catalogId;

    /**
     * Calls through the clients {@code clients} supplies.
     *
     * @param pageSize GetDatabases/GetTables page size (1..100)
     * @param catalogId the catalog (account) id, or {@code null} for the caller's account
     */
    public CatalogOps(
            Supplier<CompletableFuture<AwsClients>> clients,
            BlockingRetry retry,
            int pageSize,
            @Nullable String catalogId) {
        this.clients = clients;
        this.retry = retry;
        this.pageSize = pageSize;
        this.catalogId = catalogId;
    }

    /** Every database (all pages), in the catalog's order. */
    public List<GlueDatabase> databases() {
        AtomicInteger page = new AtomicInteger();
        return Paging.<String, GlueDatabase>blocking(
                null,
                token -> {
                    GetDatabasesRequest r = GetDatabasesRequest.builder()
                            .catalogId(catalogId)
                            .maxResults(pageSize)
                            .nextToken(token)
                            .build();
                    GetDatabasesResponse resp = call(
                            "GetDatabases",
                            "Glue GetDatabases (page " + page.incrementAndGet() + ")",
                            null,
                            null,
                            g -> g.getDatabases(r),
                            a -> a.getDatabases(r));
                    List<GlueDatabase> out = new ArrayList<>();
                    if (resp.hasDatabaseList()) {
                        resp.databaseList().forEach(d -> out.add(CatalogMapper.database(d)));
                    }
                    return Paging.Page.of(out, resp.nextToken());
                },
                "Glue GetDatabases");
    }

    /** One database. */
    public GlueDatabase database(String name) {
        GetDatabaseRequest r =
                GetDatabaseRequest.builder().catalogId(catalogId).name(name).build();
        return CatalogMapper.database(call(
                        "GetDatabase",
                        "Glue GetDatabase for database '" + name + "'",
                        name,
                        null,
                        g -> g.getDatabase(r),
                        a -> a.getDatabase(r))
                .database());
    }

    /** Every table of {@code database} (all pages) whose name matches Glue's {@code expression}, if given. */
    public List<GlueTable> tables(String database, @Nullable String expression) {
        AtomicInteger page = new AtomicInteger();
        return Paging.<String, GlueTable>blocking(
                null,
                token -> {
                    GetTablesRequest r = GetTablesRequest.builder()
                            .catalogId(catalogId)
                            .databaseName(database)
                            .expression(expression)
                            .maxResults(pageSize)
                            .nextToken(token)
                            .build();
                    GetTablesResponse resp = call(
                            "GetTables",
                            "Glue GetTables for database '" + database + "' (page " + page.incrementAndGet() + ")",
                            database,
                            null,
                            g -> g.getTables(r),
                            a -> a.getTables(r));
                    List<GlueTable> out = new ArrayList<>();
                    if (resp.hasTableList()) {
                        resp.tableList().forEach(t -> out.add(CatalogMapper.table(t, database)));
                    }
                    return Paging.Page.of(out, resp.nextToken());
                },
                "Glue GetTables for database '" + database + "'");
    }

    /** One table. */
    public GlueTable table(String database, String name) {
        GetTableRequest r = GetTableRequest.builder()
                .catalogId(catalogId)
                .databaseName(database)
                .name(name)
                .build();
        return CatalogMapper.table(
                call(
                                "GetTable",
                                "Glue GetTable for table '" + name + "' of database '" + database + "'",
                                database,
                                name,
                                g -> g.getTable(r),
                                a -> a.getTable(r))
                        .table(),
                database);
    }

    private <T> T call(
            String op,
            String what,
            @Nullable String database,
            @Nullable String table,
            Function<GlueClient, T> sync,
            Function<GlueAsyncClient, CompletableFuture<T>> async) {
        return retry.call(op, what, () -> clients.get().thenCompose(aws -> aws.glue(sync, async)
                .exceptionallyCompose(
                        e -> CompletableFuture.failedFuture(map(e, what, database, table, aws.region())))));
    }

    private RuntimeException map(
            Throwable e, String what, @Nullable String database, @Nullable String table, @Nullable String region) {
        if (database == null || !GlueErrorMapper.is(e, "EntityNotFoundException")) {
            return GlueErrorMapper.map(e, what, null);
        }
        AwsServiceException ae = (AwsServiceException) GlueErrorMapper.unwrap(e);
        String message = ae.awsErrorDetails() == null
                ? ""
                : GlueErrorMapper.text(String.valueOf(ae.awsErrorDetails().errorMessage()));
        String where = "the Glue Data Catalog" + (catalogId == null ? "" : " of account " + catalogId)
                + (region == null ? "" : " in " + region);
        boolean databaseMissing = table == null
                || (message.toLowerCase(Locale.ROOT).contains("database")
                        && !message.toLowerCase(Locale.ROOT).contains("table"));
        if (databaseMissing) {
            return new GlueCatalogNotFoundException(
                    "Database '" + database + "' not found in " + where + " (" + message
                            + "). List the databases with GlueCatalog.databases(); names are lower case.",
                    GlueErrorMapper.cause(ae),
                    database,
                    null,
                    ae.statusCode(),
                    ae.requestId());
        }
        return new GlueCatalogNotFoundException(
                "Table '" + table + "' not found in database '" + database + "' of "
                        + where + " (" + message + "). List its tables with GlueCatalog.tables(\"" + database + "\"); "
                        + "names are lower case.",
                GlueErrorMapper.cause(ae),
                database,
                table,
                ae.statusCode(),
                ae.requestId());
    }
}
