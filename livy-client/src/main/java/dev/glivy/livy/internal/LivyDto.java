package dev.glivy.livy.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON objects of Livy's REST API (docs/rest-api.md), as read by the transport's ObjectMapper. Every field is
 * optional because servers differ (Livy 0.5 to 0.9, Lighter, vendor forks) and unknown fields are ignored. Ids are
 * strings: Livy sends numbers, Lighter UUIDs.
 */
public final class LivyDto {
    private LivyDto() {}

    /** A session ({@code GET /sessions/{id}}, {@code POST /sessions}). */
    public record Session(
            @Nullable String id,
            @Nullable String name,
            @Nullable String appId,
            @Nullable String owner,
            @Nullable String proxyUser,
            @Nullable String kind,
            @Nullable String state,
            @Nullable Map<String, @Nullable String> appInfo,
            @Nullable List<String> log) {}

    /** A page of sessions ({@code GET /sessions?from&size}). */
    public record SessionPage(
            @Nullable Integer from,
            @Nullable Integer total,
            @Nullable List<Session> sessions) {}

    /** {@code GET /sessions/{id}/state}. */
    public record State(@Nullable String id, @Nullable String state) {}

    /** A statement. {@code started}/{@code completed} are epoch milliseconds, 0 when not yet. */
    public record Statement(
            @Nullable String id,
            @Nullable String code,
            @Nullable String state,
            @Nullable Output output,
            @Nullable Double progress,
            @Nullable Long started,
            @Nullable Long completed) {}

    /**
     * A statement's output: {@code data} by MIME type (JSON strings as their text, the {@code application/json} object
     * as its bytes with the SQL rows decoded on the way, other values as the JSON text the server sent; see
     * {@link OutputData}), or the user-code error.
     */
    public record Output(
            @Nullable String status,
            @JsonProperty("execution_count") @Nullable Integer executionCount,
            @JsonDeserialize(using = OutputData.class) OutputData.@Nullable Values data,
            @Nullable String ename,
            @Nullable String evalue,
            @Nullable JsonNode traceback) {}

    /** {@code GET /sessions/{id}/statements}; paged by {@code from}/{@code size} since Livy 0.8. */
    public record StatementPage(
            @JsonProperty("total_statements") @Nullable Integer totalStatements,
            @Nullable List<Statement> statements) {}

    /** {@code GET /sessions/{id}/log?from&size}. */
    public record LogPage(
            @Nullable String id,
            @Nullable Integer from,
            @Nullable Integer total,
            @Nullable List<String> log) {}

    /** {@code GET /version}. */
    public record Version(@Nullable String version) {}

    /** {@code POST /sessions/{id}/completion}. */
    public record Completion(@Nullable List<String> candidates) {}
}
