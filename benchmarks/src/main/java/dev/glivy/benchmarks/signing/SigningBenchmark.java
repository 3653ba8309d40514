package dev.glivy.benchmarks.signing;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.aws.EmrServerlessLivy;
import dev.glivy.livy.aws.internal.AwsSigV4Signer;
import dev.glivy.livy.fake.FakeLivyServer;
import dev.glivy.spi.CreateSessionRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Side by side in one run: {@code GET /sessions/{id}} against the in-process fake Livy on loopback through a plain
 * {@link LivyTransport} and through an {@link EmrServerlessLivy} transport (every request SigV4-signed by the AWS
 * SDK's signer; the fake ignores the signature), rounds alternating, plus the signer alone on a typical create
 * body. Prints medians (and p90) in microseconds and the signed/plain ratio.
 *
 * <p>Run: {@code mvn -o -q -pl benchmarks -am verify -DskipTests -Psigning-benchmark}. Arguments: rounds (default
 * 10), calls per round and transport (default 300).
 */
public final class SigningBenchmark {
    private SigningBenchmark() {}

    /** Runs the benchmark and prints the table. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                "AKIDBENCHMARK0000001", "benchmark/secret/key/0000000000000000000", "benchmark-session-token"));
        FakeLivyServer livy = new FakeLivyServer().start();
        try (LivyTransport plain = LivyTransport.builder()
                        .url(livy.url())
                        .serverVersion("0.7.1")
                        .build();
                LivyTransport signed = EmrServerlessLivy.builder()
                        .endpoint(URI.create(livy.url()))
                        .region("us-east-1")
                        .executionRoleArn("arn:aws:iam::123456789012:role/Bench")
                        .credentialsProvider(creds)
                        .livy(b -> b.serverVersion("0.7.1"))
                        .build();
                LivyTransport noop = LivyTransport.builder()
                        .url(livy.url())
                        .serverVersion("0.7.1")
                        .requestSigner((method, uri, headers, body) -> Map.of())
                        .build()) {
            String id = plain.createSession(
                            CreateSessionRequest.of(SessionConfig.empty(), Language.SCALA, "glivy-bench"))
                    .get(30, TimeUnit.SECONDS)
                    .id();
            // warm-up: class loading, connection pools, JIT
            time(plain, id, calls);
            time(signed, id, calls);
            time(noop, id, calls);
            LivyTransport[] order = {plain, noop, signed};
            long[][] ns = new long[3][rounds * calls];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    int which = (k + r) % 3;
                    System.arraycopy(time(order[which], id, calls), 0, ns[which], r * calls, calls);
                }
            }
            long[] plainNs = ns[0];
            long[] noopNs = ns[1];
            long[] signedNs = ns[2];
            long[] signOnly = signOnly(creds, 20_000);
            System.out.printf(
                    Locale.ROOT,
                    "SigV4 signing, %d rounds x %d GET /sessions/{id} per transport, "
                            + "rotating order, loopback fake Livy%n",
                    rounds,
                    calls);
            System.out.printf(Locale.ROOT, "| path | median us | p90 us |%n|---|---|---|%n");
            System.out.printf(
                    Locale.ROOT, "| plain LivyTransport | %.1f | %.1f |%n", pct(plainNs, 50), pct(plainNs, 90));
            System.out.printf(
                    Locale.ROOT,
                    "| LivyTransport with a signer adding nothing | %.1f | %.1f |%n",
                    pct(noopNs, 50),
                    pct(noopNs, 90));
            System.out.printf(
                    Locale.ROOT,
                    "| EmrServerlessLivy (signed) | %.1f | %.1f |%n",
                    pct(signedNs, 50),
                    pct(signedNs, 90));
            System.out.printf(
                    Locale.ROOT,
                    "| signer alone (POST /sessions body) | %.1f | %.1f |%n",
                    pct(signOnly, 50),
                    pct(signOnly, 90));
            System.out.printf(Locale.ROOT, "signed/plain median ratio: %.2f%n", pct(signedNs, 50) / pct(plainNs, 50));
        } finally {
            livy.stop();
        }
    }

    private static long[] time(LivyTransport t, String id, int calls) throws Exception {
        long[] out = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            t.getSession(id).get(30, TimeUnit.SECONDS);
            out[i] = System.nanoTime() - start;
        }
        return out;
    }

    private static long[] signOnly(StaticCredentialsProvider creds, int n) {
        AwsSigV4Signer signer = new AwsSigV4Signer(creds, "emr-serverless", "us-east-1");
        URI uri = URI.create("https://00fabcdefg123456.livy.emr-serverless-services.us-east-1.amazonaws.com/sessions");
        byte[] body = ("{\"kind\":\"spark\",\"name\":\"glivy-0f8e\",\"heartbeatTimeoutInSecond\":120,\"conf\":"
                        + "{\"emr-serverless.session.executionRoleArn\":\"arn:aws:iam::123456789012:role/Bench\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Accept", "application/json", "X-Requested-By", "glivy");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            signer.sign("POST", uri, headers, body);
            out[i] = System.nanoTime() - start;
        }
        return Arrays.copyOfRange(out, n / 4, n);
    }

    private static double pct(long[] ns, int p) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
