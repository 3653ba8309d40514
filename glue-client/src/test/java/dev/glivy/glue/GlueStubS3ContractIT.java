package dev.glivy.glue;

import dev.glivy.glue.stub.MotoS3;
import dev.glivy.glue.stub.MotoServer;
import dev.glivy.spi.SessionTransport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's whole transport contract again, with the S3 results side channel on: every {@code sql(...)} of the
 * contract (typed tables, limits and truncation, adversarial query text, faults) goes through the stub's simulated
 * session writing to {@code moto_server}'s S3 and Glivy reading it back. Nothing may be left in the bucket.
 */
@DisplayName("GlueTransport with S3 results passes the transport contract (Glue stub + moto S3)")
class GlueStubS3ContractIT extends GlueStubContractIT {
    private static final String BUCKET = "contract-results";

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static MotoS3 s3;

    @Override
    protected SessionTransport newTransport() {
        if (s3 == null) {
            s3 = new MotoS3(MOTO);
        }
        if (s3.client().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.bucket(BUCKET);
        }
        glue.stub().s3Writer(s3.writer());
        return GlueTransport.builder()
                .clientConfig(c -> c.endpointOverride(glue.stub().uri())
                        .stsEndpointOverride(glue.stub().uri())
                        .credentialsProvider(MotoS3.CREDENTIALS)
                        .httpClient(glue.stub().httpClient())
                        .requestTimeout(Duration.ofSeconds(10))
                        .s3EndpointOverride(MOTO.uri()))
                .region("us-east-1")
                .resultsS3Uri("s3://" + BUCKET + "/contract/")
                .build();
    }

    @AfterEach
    void nothingLeft() {
        if (s3 != null
                && s3.client().listBuckets().buckets().stream()
                        .anyMatch(b -> b.name().equals(BUCKET))) {
            org.assertj.core.api.Assertions.assertThat(s3.keys(BUCKET, "contract/"))
                    .as("objects left in S3")
                    .isEmpty();
        }
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
