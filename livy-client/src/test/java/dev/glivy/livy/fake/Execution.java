package dev.glivy.livy.fake;

/**
 * One statement {@link FakeLivyServer} started running, as its execution log records it. Immutable.
 *
 * @param sessionId the session
 * @param statementId the statement's Livy id
 * @param code the code as the server stored it (line endings normalised to {@code \n}, like Livy)
 * @param kind the statement's kind ({@code spark}, {@code pyspark}, {@code sparkr}, {@code sql})
 */
public record Execution(String sessionId, int statementId, String code, String kind) {}
