package dev.glivy.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.config.RetryPolicy;
import dev.glivy.glue.stub.GlueStub;
import dev.glivy.glue.stub.GlueStubExtension;
import dev.glivy.test.contract.TransportFaults.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Paging and retries of {@link GlueCatalog} against the Glue stub, which pages GetDatabases and GetTables with
 * {@code MaxResults}/{@code NextToken} as Glue does and injects throttling, server errors and lost answers.
 */
@DisplayName("GlueCatalog against the Glue stub: every page, retries on throttling")
class GlueCatalogStubIT {
    private static final RetryPolicy FAST = RetryPolicy.builder()
            .maxAttempts(4)
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .build();

    @RegisterExtension
    final GlueStubExtension glue = new GlueStubExtension();

    private GlueCatalog catalog(int pageSize, RetryPolicy policy) {
        GlueStub s = glue.stub();
        return GlueCatalog.builder()
                .clientConfig(c -> c.endpointOverride(s.uri())
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret")))
                        .httpClient(s.httpClient())
                        .requestTimeout(Duration.ofSeconds(5))
                        .retryPolicy(policy))
                .region("us-east-1")
                .pageSize(pageSize)
                .build();
    }

    private List<String> addTables(String db, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("table_%03d", i);
            glue.stub().catalog().table(db, name, "id:bigint", "name:string");
            names.add(name);
        }
        return names;
    }

    @Test
    @DisplayName("23 tables at 5 per page: 5 GetTables calls, every table once, in order; databases page too")
    void pages() {
        List<String> names = addTables("big", 23);
        for (int i = 0; i < 6; i++) {
            glue.stub().catalog().database("db" + i);
        }
        try (GlueCatalog c = catalog(5, FAST)) {
            assertThat(c.tables("big")).extracting(GlueTable::name).containsExactlyElementsOf(names);
            assertThat(glue.stub().calls("GetTables")).isEqualTo(5);
            assertThat(c.tables("big", "table_01*"))
                    .extracting(GlueTable::name)
                    .containsExactly(
                            "table_010",
                            "table_011",
                            "table_012",
                            "table_013",
                            "table_014",
                            "table_015",
                            "table_016",
                            "table_017",
                            "table_018",
                            "table_019");
            assertThat(glue.stub().calls("GetTables")).isEqualTo(7);
            assertThat(c.databases())
                    .extracting(GlueDatabase::name)
                    .containsExactly("big", "db0", "db1", "db2", "db3", "db4", "db5");
            assertThat(glue.stub().calls("GetDatabases")).isEqualTo(2);
            GlueTable t = c.table("big", "table_022");
            assertThat(t.columns())
                    .containsExactly(GlueColumn.of("id", "bigint", null), GlueColumn.of("name", "string", null));
            assertThat(t.format()).contains("parquet");
            assertThat(t.location()).contains("s3://stub-data/big/table_022/");
        }
    }

    @Test
    @DisplayName("throttling, a 500 and a lost answer in the middle of the pages are retried; only that page again")
    void retriesEachPage() {
        List<String> names = addTables("big", 9);
        try (GlueCatalog c = catalog(3, FAST)) {
            c.tables("big");
            int plain = glue.stub().calls("GetTables");
            assertThat(plain).isEqualTo(3);
            glue.stub().failNext("GetTables", Fault.THROTTLE);
            glue.stub().failNext("GetTables", Fault.SERVER_ERROR);
            glue.stub().failNext("GetTables", Fault.RESPONSE_LOST);
            assertThat(c.tables("big")).extracting(GlueTable::name).containsExactlyElementsOf(names);
            assertThat(glue.stub().calls("GetTables") - plain).isEqualTo(3 + 3);
            glue.stub().failNext("GetTable", Fault.THROTTLE);
            assertThat(c.table("big", "table_000").name()).isEqualTo("table_000");
            assertThat(glue.stub().calls("GetTable")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("retries end when the policy's attempts are used up; not-found is never retried")
    void givesUp() {
        addTables("big", 2);
        try (GlueCatalog c = catalog(100, FAST)) {
            for (int i = 0; i < 4; i++) {
                glue.stub().failNext("GetDatabases", Fault.THROTTLE);
            }
            assertThatThrownBy(c::databases)
                    .isInstanceOfSatisfying(SessionBackendException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessageContaining("Glue GetDatabases (page 1) failed: ThrottlingException: Rate exceeded");
            assertThat(glue.stub().calls("GetDatabases")).isEqualTo(4);

            assertThatThrownBy(() -> c.table("big", "missing")).isInstanceOf(GlueCatalogNotFoundException.class);
            assertThat(glue.stub().calls("GetTable")).isEqualTo(1);
        }
        try (GlueCatalog none = catalog(100, RetryPolicy.none())) {
            glue.stub().failNext("GetTables", Fault.CONNECTION_REFUSED);
            assertThatThrownBy(() -> none.tables("big"))
                    .isInstanceOfSatisfying(SessionTransportException.class, e -> assertThat(e.mayHaveReachedBackend())
                            .isFalse())
                    .hasMessageContaining("Glue GetTables for database 'big' (page 1) failed");
        }
    }

    @Test
    @DisplayName("builder: page size bounds, exclusive options and catalog ids are checked with clear messages")
    void builderChecks() {
        assertThatThrownBy(() -> GlueCatalog.builder().pageSize(0))
                .hasMessage("pageSize must be between 1 and 100 " + "but was 0");
        assertThatThrownBy(() -> GlueCatalog.builder().pageSize(101)).hasMessageContaining("but was 101");
        assertThatThrownBy(() -> GlueCatalog.builder().catalogId("12345"))
                .hasMessage("catalogId must be a 12-digit " + "AWS account id but was '12345'");
        assertThatThrownBy(() -> GlueCatalog.builder()
                        .clientConfig(c -> c.profile("dev")
                                .credentialsProvider(
                                        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exclusive");
        assertThatThrownBy(() -> GlueCatalog.builder().clientConfig(c -> c.requestTimeout(Duration.ZERO)))
                .hasMessage("requestTimeout must be > 0 but was PT0S");
        GlueCatalog c = catalog(10, FAST);
        assertThatThrownBy(() -> c.tables(" ")).hasMessage("database must not be blank");
        assertThatThrownBy(() -> c.databases("")).hasMessage("namePattern must not be blank");
        c.close();
        assertThatThrownBy(c::databases).isInstanceOf(IllegalStateException.class);
        c.close();
    }
}
