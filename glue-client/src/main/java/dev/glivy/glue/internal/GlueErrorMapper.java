package dev.glivy.glue.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionTransportException;
import dev.glivy.internal.NeverSent;
import dev.glivy.internal.Redaction;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place Glue and STS failures become Glivy exceptions. Throttling, internal errors, operation timeouts,
 * concurrent modifications and 5xx answers are retryable {@link SessionBackendException}s; other service errors are
 * not. A service error also says whether the refused request {@linkplain SessionBackendException#mayHaveTakenEffect()
 * may still have taken effect}: throttling, 4xx client errors (validation, unknown entity, illegal state...) and
 * 502/503 answers (a proxy or load balancer refusing) prove it did not; {@code InternalServiceException},
 * {@code OperationTimeoutException} and any other 5xx (500, 504...) do not prove that. I/O failures are
 * {@link SessionTransportException}s that say whether the request may have reached AWS (only a refused or
 * unresolvable connection proves it did not). Missing credentials are a configuration problem
 * ({@link IllegalStateException}). Messages name the operation and the ids.
 *
 * <p><b>Redaction.</b> AWS error text can quote what was sent: a presigned URL with its {@code X-Amz-Signature} and
 * {@code X-Amz-Credential}, an {@code X-Amz-Security-Token}, a {@code secret=...} pair. Every message made here goes
 * through core's {@link Redaction#text(String)}, and so does the cause chain ({@link #cause(Throwable)}): an AWS
 * exception whose message redaction changes is replaced, as a cause, by a stand-in with its class name, stack trace
 * and redacted message. Other glue-client classes that quote AWS text use {@link #cause}, {@link #text} or
 * {@link #describe}, so this is the one place it is redacted.
 */
public final class GlueErrorMapper {
    /** The backend name used in every exception. */
    public static final String BACKEND = "glue";

    private static final Set<String> RETRYABLE = Set.of(
            "ThrottlingException",
            "Throttling",
            "ThrottledException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "RequestThrottled",
            "RequestThrottledException",
            "SlowDown",
            "InternalServiceException",
            "InternalFailure",
            "InternalError",
            "ServiceUnavailable",
            "ServiceUnavailableException",
            "OperationTimeoutException",
            "ConcurrentModificationException",
            "RequestTimeout",
            "RequestTimeoutException",
            "SessionBusyException",
            "PriorRequestNotComplete");
    /** Codes that do not prove the request was refused, whatever their HTTP status. */
    private static final Set<String> AMBIGUOUS = Set.of(
            "InternalServiceException",
            "InternalFailure",
            "InternalError",
            "InternalServerError",
            "InternalServerException",
            "OperationTimeoutException");
    /** Codes that prove the request was refused before it took effect, whatever their HTTP status. */
    private static final Set<String> REFUSED = Set.of(
            "ThrottlingException",
            "Throttling",
            "ThrottledException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "RequestThrottled",
            "RequestThrottledException",
            "SlowDown",
            "ServiceUnavailable",
            "ServiceUnavailableException");

    private static final Set<String> CREDENTIALS = Set.of(
            "ExpiredTokenException",
            "ExpiredToken",
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidSignatureException",
            "MissingAuthenticationToken",
            "MissingAuthenticationTokenException",
            "AuthFailure",
            "IncompleteSignature",
            "InvalidAccessKeyId");

    private GlueErrorMapper() {}

    /** Strips {@link CompletionException}/{@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** {@code text} with every secret core's {@link Redaction} recognises masked. */
    public static String text(String text) {
        return Redaction.text(text);
    }

    /** {@code t} (unwrapped) for a log line or a note: its {@code toString()}, redacted. */
    public static String describe(Throwable t) {
        return Redaction.text(String.valueOf(unwrap(t)));
    }

    /** The message of {@code t} (unwrapped), redacted. */
    public static String message(Throwable t) {
        return Redaction.text(String.valueOf(unwrap(t).getMessage()));
    }

    /**
     * {@code t} (unwrapped) as the cause of a Glivy exception: itself when no message in its cause chain carries a
     * secret, else the same chain with each exception replaced by a {@link RedactedCause} of it.
     */
    public static Throwable cause(Throwable t) {
        Throwable c = unwrap(t);
        return leaks(c, 0) ? redacted(c, 0) : c;
    }

    private static boolean leaks(@Nullable Throwable t, int depth) {
        if (t == null || depth > 16) {
            return false;
        }
        String m = t.getMessage();
        return (m != null && !Redaction.text(m).equals(m)) || (t.getCause() != t && leaks(t.getCause(), depth + 1));
    }

    private static @Nullable Throwable redacted(@Nullable Throwable t, int depth) {
        if (t == null || depth > 16) {
            return null;
        }
        return new RedactedCause(t, t.getCause() == t ? null : redacted(t.getCause(), depth + 1));
    }

    /** The AWS error code of {@code t} (unwrapped), or {@code null} when it is not a service error. */
    public static @Nullable String errorCode(Throwable t) {
        return unwrap(t) instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorCode()
                : null;
    }

    /** {@code true} when {@code t} is a service error with one of {@code codes}. */
    public static boolean is(Throwable t, String... codes) {
        String code = errorCode(t);
        if (code == null) {
            return false;
        }
        for (String c : codes) {
            if (c.equals(code)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maps a failure.
     *
     * @param t the failure (wrappers are removed); Glivy exceptions and other runtime exceptions pass through
     * @param what the call and its ids, for example {@code "Glue GetStatement for statement 3 in session s1"}
     * @param sessionId the session id, or {@code null}
     */
    public static RuntimeException map(Throwable t, String what, @Nullable String sessionId) {
        Throwable c = unwrap(t);
        if (c instanceof AwsServiceException e) {
            return service(e, what, sessionId);
        }
        if (c instanceof SdkClientException e) {
            return client(e, what, sessionId);
        }
        if (c instanceof RuntimeException re) {
            return re;
        }
        return new SessionTransportException(
                Redaction.text(what + " failed: " + c), cause(c), sessionId, BACKEND, true);
    }

    private static RuntimeException service(AwsServiceException e, String what, @Nullable String sessionId) {
        AwsErrorDetails d = e.awsErrorDetails();
        String code = d == null ? null : d.errorCode();
        String message = d == null || d.errorMessage() == null ? e.getMessage() : d.errorMessage();
        int status = e.statusCode();
        boolean throttled = e.isThrottlingException()
                || status == 429
                || String.valueOf(message).contains("Rate exceeded");
        boolean retryable = (code != null && RETRYABLE.contains(code)) || status >= 500 || throttled;
        StringBuilder m = new StringBuilder(what)
                .append(" failed: ")
                .append(code == null ? "error" : code)
                .append(": ")
                .append(message)
                .append(" (HTTP ")
                .append(status);
        if (e.requestId() != null) {
            m.append(", request id ").append(e.requestId());
        }
        m.append(").");
        if (retryable) {
            m.append(" Retrying is safe; see RetryPolicy.");
        } else if (code != null && CREDENTIALS.contains(code)) {
            m.append(" Check the AWS credentials: the profile (%profile, AWS_PROFILE), the environment "
                    + "(AWS_ACCESS_KEY_ID...), GlueClientConfig.credentialsProvider(...), or refresh an expired "
                    + "session token.");
        } else if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code)) {
            m.append(" The caller lacks an IAM permission: see the README's list (glue:*Session*, glue:*Statement*, "
                    + "iam:PassRole on the session role, sts:GetCallerIdentity).");
        } else if ("ResourceNumberLimitExceededException".equals(code)) {
            m.append(" The account's quota of concurrent sessions is used up: stop idle sessions "
                    + "(GlueAdmin.reap(...)) or ask AWS for a higher quota.");
        }
        return new SessionBackendException(
                Redaction.text(m.toString()),
                cause(e),
                sessionId,
                BACKEND,
                status,
                code,
                e.requestId(),
                retryable,
                mayHaveTakenEffect(code, status, throttled));
    }

    /**
     * Whether a request Glue answered with an error may still have taken effect: {@code false} for throttling, 4xx
     * answers and 502/503 (the request was refused), {@code true} for internal errors, operation timeouts and other
     * 5xx or unknown statuses.
     */
    static boolean mayHaveTakenEffect(@Nullable String code, int status, boolean throttled) {
        if (code != null && AMBIGUOUS.contains(code)) {
            return true;
        }
        if (throttled || (code != null && REFUSED.contains(code))) {
            return false;
        }
        return !(status == 502 || status == 503 || (status >= 400 && status < 500));
    }

    private static RuntimeException client(SdkClientException e, String what, @Nullable String sessionId) {
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("Unable to load credentials") || msg.contains("Unable to load credentials")) {
            return new IllegalStateException(
                    what + " failed: no AWS credentials found. Configure them with "
                            + "%profile / AWS_PROFILE, the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), "
                            + "~/.aws/credentials, an instance or container role, or "
                            + "GlueClientConfig.credentialsProvider(...).",
                    cause(e));
        }
        boolean reached = mayHaveReached(e);
        return new SessionTransportException(
                Redaction.text(what + " failed: " + firstLine(msg)
                        + (reached ? " The request may have reached AWS." : " The request did not reach AWS.")
                        + " Retrying is safe; see RetryPolicy."),
                cause(e),
                sessionId,
                BACKEND,
                reached);
    }

    /**
     * {@code false} only when the failure proves no request bytes reached AWS ({@link NeverSent}: refused,
     * unresolvable...); the SDK's own call timeouts may have come after the request was written.
     */
    static boolean mayHaveReached(Throwable t) {
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        return !NeverSent.proven(t);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
