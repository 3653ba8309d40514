package dev.glivy.glue.internal;

import dev.glivy.glue.GlueCallerIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.glue.GlueAsyncClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * One set of AWS clients (Glue, STS, and S3 when the results side channel is on) for one {@link ClientSettings}:
 * every call returns a future, run on the transport's executor for a sync client or natively for an async one.
 * Remembers the caller identity once known. Closes only what it built.
 */
public final class AwsClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.glivy.glue");

    private final ClientSettings settings;
    private final @Nullable GlueClient glue;
    private final @Nullable GlueAsyncClient glueAsync;
    private final StsClient sts;
    private final @Nullable AwsCredentialsProvider whoamiCredentials;
    private final @Nullable String region;
    private final Executor executor;
    private final List<AutoCloseable> owned;
    private final @Nullable S3Client s3;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable CompletableFuture<GlueCallerIdentity> identity;
    private volatile @Nullable IdentityProvider<? extends AwsCredentialsIdentity> credentials;

    AwsClients(
            ClientSettings settings,
            @Nullable GlueClient glue,
            @Nullable GlueAsyncClient glueAsync,
            StsClient sts,
            @Nullable AwsCredentialsProvider whoamiCredentials,
            @Nullable String region,
            Executor executor,
            List<AutoCloseable> owned,
            @Nullable S3Client s3) {
        if ((glue == null) == (glueAsync == null)) {
            throw new IllegalArgumentException("exactly one of glue and glueAsync must be given");
        }
        this.settings = settings;
        this.glue = glue;
        this.glueAsync = glueAsync;
        this.sts = Objects.requireNonNull(sts, "sts must not be null");
        this.whoamiCredentials = whoamiCredentials;
        this.region = region;
        this.executor = executor;
        this.owned = List.copyOf(owned);
        this.s3 = s3;
    }

    /**
     * The S3 client of the results side channel.
     *
     * @throws IllegalStateException when the side channel is off
     */
    public S3Client s3() {
        S3Client c = s3;
        if (c == null) {
            throw new IllegalStateException(
                    "No S3 client: the S3 results side channel is off " + "(GlueTransportBuilder.resultsS3Uri(...))");
        }
        return c;
    }

    /** The executor blocking calls run on. */
    public Executor executor() {
        return executor;
    }

    /** The settings these clients were built for. */
    public ClientSettings settings() {
        return settings;
    }

    /** The Glue client's region, when known. */
    public @Nullable String region() {
        return region;
    }

    /** Runs one Glue call; the future fails with the SDK's exception, unwrapped. */
    public <T> CompletableFuture<T> glue(
            Function<GlueClient, T> sync, Function<GlueAsyncClient, CompletableFuture<T>> async) {
        GlueAsyncClient a = glueAsync;
        if (a != null) {
            try {
                return async.apply(a);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        GlueClient s = Objects.requireNonNull(glue);
        return blocking(() -> sync.apply(s));
    }

    /** Sets the credentials the Glue calls are signed with, for {@link #accessKeyId()}. */
    AwsClients credentials(@Nullable IdentityProvider<? extends AwsCredentialsIdentity> provider) {
        this.credentials = provider;
        return this;
    }

    /**
     * The access key id the Glue client's credentials resolve to (not a secret: AWS logs it in CloudTrail), used as
     * the owner when STS cannot say who the caller is; empty when the credentials are unknown or do not resolve.
     */
    public CompletableFuture<Optional<String>> accessKeyId() {
        IdentityProvider<? extends AwsCredentialsIdentity> p = credentials;
        if (p == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return blocking(() ->
                Optional.ofNullable(p.resolveIdentity().join().accessKeyId()).filter(k -> !k.isBlank()));
    }

    /** Runs one STS call on the executor. */
    public <T> CompletableFuture<T> sts(Function<StsClient, T> call) {
        return blocking(() -> call.apply(sts));
    }

    /** The caller identity (STS GetCallerIdentity), asked once and then remembered; a failure is not remembered. */
    public CompletableFuture<GlueCallerIdentity> whoami() {
        CompletableFuture<GlueCallerIdentity> known = identity;
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<GlueCallerIdentity> asked = sts(c -> c.getCallerIdentity(r -> {
                    if (whoamiCredentials != null) {
                        r.overrideConfiguration(o -> o.credentialsProvider(whoamiCredentials));
                    }
                }))
                .thenApply(AwsClients::identity);
        identity = asked;
        return asked;
    }

    private static GlueCallerIdentity identity(GetCallerIdentityResponse r) {
        return GlueCallerIdentity.of(
                Objects.requireNonNullElse(r.account(), ""),
                Objects.requireNonNullElse(r.arn(), ""),
                Objects.requireNonNullElse(r.userId(), ""));
    }

    private <T> CompletableFuture<T> blocking(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Glue transport is closed", e));
        }
    }

    /** Whether {@link #close()} was called (the clients it built are then closed). */
    public boolean closed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // newest first: a client before the credentials provider and the timers it was built with
        for (int i = owned.size() - 1; i >= 0; i--) {
            AutoCloseable c = owned.get(i);
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "AwsClients{" + settings.describe() + "}";
    }
}
