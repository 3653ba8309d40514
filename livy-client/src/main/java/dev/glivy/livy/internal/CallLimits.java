package dev.glivy.livy.internal;

import java.time.Duration;

/**
 * The bounds of every REST call of a transport: an overall deadline from the moment the call is queued until its
 * answer is read whole (the per-read response timeout alone lets a server that trickles a byte now and then hold a
 * call forever), and the largest answer read, one cap for control answers (sessions, states, logs, lists) and one
 * for answers carrying statement output. Bodies are read as a stream and refused as soon as they pass the cap, so
 * an oversized answer never sits in memory whole.
 *
 * @param callTimeout the overall deadline of one call
 * @param maxResponseSize the largest control answer, in bytes
 * @param maxStatementOutputSize the largest answer carrying statement output, in bytes
 */
public record CallLimits(Duration callTimeout, long maxResponseSize, long maxStatementOutputSize) {

    /** The cap for the answer to {@code req}. */
    long cap(LivyRequest req) {
        return output(req) ? maxStatementOutputSize : maxResponseSize;
    }

    /** The name of the builder setting behind the cap for {@code req}, for messages. */
    static String capSetting(LivyRequest req) {
        return output(req) ? "maxStatementOutputSize" : "maxResponseSize";
    }

    /** Whether the answer to {@code req} may carry statement output. */
    static boolean output(LivyRequest req) {
        return switch (req.operation()) {
            case "getStatement", "listStatements", "submitStatement" -> true;
            default -> false;
        };
    }
}
