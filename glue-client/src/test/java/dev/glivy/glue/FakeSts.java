package dev.glivy.glue;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** An in-memory {@link StsClient} answering GetCallerIdentity with a fixed caller, or failing. Thread-safe. */
final class FakeSts implements StsClient {
    final AtomicInteger calls = new AtomicInteger();
    volatile String arn = "arn:aws:sts::123456789012:assumed-role/Dev/alice";
    volatile String userId = "AROAFAKE:alice";
    volatile String failWith;

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest r) {
        calls.incrementAndGet();
        if (failWith != null) {
            throw StsException.builder()
                    .statusCode(403)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode(failWith)
                            .errorMessage("injected")
                            .build())
                    .build();
        }
        return GetCallerIdentityResponse.builder()
                .account("123456789012")
                .arn(arn)
                .userId(userId)
                .build();
    }

    @Override
    public String serviceName() {
        return "sts";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
