package dev.glivy.internal.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.internal.InternalApi;
import dev.glivy.notebook.CellOutput;
import dev.glivy.notebook.CellType;
import dev.glivy.notebook.NotebookCell;
import dev.glivy.notebook.NotebookFile;
import dev.glivy.notebook.NotebookFormatException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * nbformat 4 JSON to {@link NotebookFile} and back. Reading checks the shape a Jupyter front end relies on (and says
 * which cell and what was expected); writing uses Jupyter's own layout (one-space indent, multi-line strings as lists
 * of lines), so an executed notebook diffs cleanly against its source. Pure functions; thread-safe.
 */
@InternalApi
public final class NotebookJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final int MAX_MINOR = 5;

    private NotebookJson() {}

    /** Parses {@code json}; {@code source} names it in messages. */
    public static NotebookFile read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NotebookFormatException(
                    source,
                    -1,
                    "not valid JSON (" + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new NotebookFormatException(
                    source,
                    -1,
                    "expected a JSON object with nbformat, metadata and cells, " + "but the file holds " + kind(root));
        }
        JsonNode major = root.get("nbformat");
        if (major == null || !major.isInt()) {
            throw new NotebookFormatException(source, -1, "expected an integer nbformat (4) but found " + kind(major));
        }
        if (major.intValue() != 4) {
            throw new NotebookFormatException(
                    source,
                    -1,
                    "nbformat " + major.intValue() + " is not supported: Glivy "
                            + "reads nbformat 4 (convert it with: jupyter nbconvert --to notebook --nbformat 4)");
        }
        JsonNode minorNode = root.get("nbformat_minor");
        if (minorNode == null || !minorNode.isInt() || minorNode.intValue() < 0) {
            throw new NotebookFormatException(
                    source, -1, "expected a non-negative integer nbformat_minor but found " + kind(minorNode));
        }
        int minor = Math.min(minorNode.intValue(), MAX_MINOR);
        JsonNode meta = root.get("metadata");
        if (meta != null && !meta.isObject()) {
            throw new NotebookFormatException(source, -1, "expected metadata to be an object but found " + kind(meta));
        }
        JsonNode cellsNode = root.get("cells");
        if (cellsNode == null || !cellsNode.isArray()) {
            throw new NotebookFormatException(source, -1, "expected cells to be a list but found " + kind(cellsNode));
        }
        List<NotebookCell> cells = new ArrayList<>(cellsNode.size());
        for (int i = 0; i < cellsNode.size(); i++) {
            cells.add(cell(source, i, cellsNode.get(i)));
        }
        return NotebookFile.of(source, minor, meta == null ? "{}" : meta.toString(), cells);
    }

    private static NotebookCell cell(String source, int index, JsonNode node) {
        if (!node.isObject()) {
            throw new NotebookFormatException(source, index, "expected a cell object but found " + kind(node));
        }
        JsonNode typeNode = node.get("cell_type");
        CellType type = null;
        for (CellType t : CellType.values()) {
            if (typeNode != null && typeNode.isTextual() && t.json().equals(typeNode.textValue())) {
                type = t;
            }
        }
        if (type == null) {
            throw new NotebookFormatException(
                    source, index, "expected cell_type code, markdown or raw but found " + kind(typeNode));
        }
        String text = multiline(source, index, node.get("source"), "source");
        JsonNode meta = node.get("metadata");
        if (meta != null && !meta.isObject()) {
            throw new NotebookFormatException(
                    source, index, "expected metadata to be an object but found " + kind(meta));
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = meta == null ? null : meta.get("tags");
        if (tagsNode != null) {
            if (!tagsNode.isArray()) {
                throw new NotebookFormatException(
                        source,
                        index,
                        "expected metadata.tags to be a list of strings but " + "found " + kind(tagsNode));
            }
            for (JsonNode t : tagsNode) {
                if (!t.isTextual()) {
                    throw new NotebookFormatException(
                            source, index, "expected metadata.tags to hold strings but " + "found " + kind(t));
                }
                tags.add(t.textValue());
            }
        }
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isTextual()) {
            throw new NotebookFormatException(source, index, "expected id to be a string but found " + kind(idNode));
        }
        Integer count = null;
        List<CellOutput> outputs = new ArrayList<>();
        if (type == CellType.CODE) {
            JsonNode c = node.get("execution_count");
            if (c != null && !c.isNull()) {
                if (!c.isInt()) {
                    throw new NotebookFormatException(
                            source,
                            index,
                            "expected execution_count to be an integer or " + "null but found " + kind(c));
                }
                count = c.intValue();
            }
            JsonNode outs = node.get("outputs");
            if (outs != null) {
                if (!outs.isArray()) {
                    throw new NotebookFormatException(
                            source, index, "expected outputs to be a list but found " + kind(outs));
                }
                for (JsonNode o : outs) {
                    outputs.add(output(source, index, o));
                }
            }
        }
        return NotebookCell.of(
                type,
                idNode == null ? null : idNode.textValue(),
                text,
                tags,
                meta == null ? "{}" : meta.toString(),
                count,
                outputs);
    }

    private static CellOutput output(String source, int index, JsonNode o) {
        String type = o.isObject() && o.path("output_type").isTextual()
                ? o.get("output_type").textValue()
                : "";
        switch (type) {
            case "stream" -> {
                String name = o.path("name").asText("stdout");
                return CellOutput.stream(
                        name.equals("stderr") ? "stderr" : "stdout",
                        multiline(source, index, o.get("text"), "outputs[].text"));
            }
            case "execute_result", "display_data" -> {
                Map<String, String> data = new LinkedHashMap<>();
                JsonNode d = o.path("data");
                Iterator<Map.Entry<String, JsonNode>> it = d.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    data.put(
                            e.getKey(),
                            isJson(e.getKey())
                                    ? v.toString()
                                    : multiline(source, index, v, "outputs[].data." + e.getKey()));
                }
                return CellOutput.data(
                        type.equals("execute_result") ? CellOutput.Kind.EXECUTE_RESULT : CellOutput.Kind.DISPLAY_DATA,
                        data);
            }
            case "error" -> {
                List<String> tb = new ArrayList<>();
                o.path("traceback").forEach(t -> tb.add(t.asText()));
                return CellOutput.error(
                        o.path("ename").asText(""), o.path("evalue").asText(""), tb);
            }
            default ->
                throw new NotebookFormatException(
                        source,
                        index,
                        "expected an output with output_type "
                                + "stream, execute_result, display_data or error but found "
                                + kind(o.get("output_type")));
        }
    }

    private static boolean isJson(String mime) {
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    /** A string, or a list of strings joined: nbformat's multi-line string. */
    private static String multiline(String source, int index, @Nullable JsonNode node, String field) {
        if (node == null) {
            throw new NotebookFormatException(
                    source, index, "expected " + field + " (a string or a list of " + "strings) but it is missing");
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode line : node) {
                if (!line.isTextual()) {
                    throw new NotebookFormatException(
                            source,
                            index,
                            "expected " + field + " to be a string or a " + "list of strings but the list holds "
                                    + kind(line));
                }
                sb.append(line.textValue());
            }
            return sb.toString();
        }
        throw new NotebookFormatException(
                source,
                index,
                "expected " + field + " to be a string or a list of " + "strings but found " + kind(node));
    }

    private static String kind(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        JsonNodeType t = node.getNodeType();
        String shown = node.toString();
        shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
        return switch (t) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + shown;
            case NUMBER -> "the number " + shown;
            case STRING -> "the string " + shown;
            default -> shown;
        };
    }

    /** {@code metadata.kernelspec.name} of notebook metadata text. */
    public static Optional<String> kernelName(String metadataJson) {
        JsonNode n = tree(metadataJson).path("kernelspec").path("name");
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** {@code metadata.language_info.name} of notebook metadata text. */
    public static Optional<String> languageInfoName(String metadataJson) {
        JsonNode n = tree(metadataJson).path("language_info").path("name");
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless {@code json} is a JSON object. */
    public static void requireObject(String json, String what) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    what + " must be a JSON object but is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object but was " + kind(n));
        }
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n == null ? MAPPER.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Cell metadata with the run recorded: Jupyter's {@code execution} timestamps ({@code iopub.execute_input},
     * {@code shell.execute_reply}) and {@code glivy.session_id} / {@code glivy.duration_ms}.
     */
    public static String withRun(
            String metadataJson, java.time.Instant start, java.time.Instant end, @Nullable String sessionId) {
        ObjectNode meta = (ObjectNode) tree(metadataJson);
        ObjectNode exec = meta.putObject("execution");
        exec.put("iopub.execute_input", start.toString());
        exec.put("shell.execute_reply", end.toString());
        ObjectNode glivy = meta.putObject("glivy");
        if (sessionId != null) {
            glivy.put("session_id", sessionId);
        }
        glivy.put("duration_ms", java.time.Duration.between(start, end).toMillis());
        return meta.toString();
    }

    /** Cell metadata without what a previous run recorded ({@code execution}, {@code glivy}). */
    public static String withoutRun(String metadataJson) {
        ObjectNode meta = (ObjectNode) tree(metadataJson);
        meta.remove("execution");
        meta.remove("glivy");
        return meta.toString();
    }

    /** The notebook in Jupyter's layout. */
    public static String write(NotebookFile nb) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode cells = root.putArray("cells");
        for (NotebookCell c : nb.cells()) {
            cells.add(cell(c, nb.nbformatMinor()));
        }
        root.set("metadata", tree(nb.metadataJson()));
        root.put("nbformat", 4);
        root.put("nbformat_minor", nb.nbformatMinor());
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root).replace("\" : ", "\": ") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notebook " + nb.source() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode cell(NotebookCell c, int minor) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("cell_type", c.type().json());
        if (minor >= 5) {
            n.put(
                    "id",
                    c.id().orElseThrow(() ->
                            new IllegalStateException("a cell of an nbformat 4.5 notebook " + "needs an id: " + c)));
        }
        ObjectNode meta = (ObjectNode) tree(c.metadataJson());
        if (c.tags().isEmpty()) {
            meta.remove("tags");
        } else {
            ArrayNode tags = meta.putArray("tags");
            c.tags().forEach(tags::add);
        }
        n.set("metadata", meta);
        n.set("source", lines(c.source()));
        if (c.type() == CellType.CODE) {
            if (c.executionCount().isPresent()) {
                n.put("execution_count", c.executionCount().get());
            } else {
                n.putNull("execution_count");
            }
            ArrayNode outs = n.putArray("outputs");
            for (CellOutput o : c.outputs()) {
                outs.add(output(o, c.executionCount().orElse(null)));
            }
        }
        return n;
    }

    private static ObjectNode output(CellOutput o, @Nullable Integer count) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("output_type", o.kind().json());
        switch (o.kind()) {
            case STREAM -> {
                n.put("name", o.name());
                n.set("text", lines(o.text()));
            }
            case ERROR -> {
                n.put("ename", o.ename());
                n.put("evalue", o.evalue());
                ArrayNode tb = n.putArray("traceback");
                o.traceback().forEach(tb::add);
            }
            default -> {
                ObjectNode data = n.putObject("data");
                for (Map.Entry<String, String> e : o.data().entrySet()) {
                    if (isJson(e.getKey())) {
                        data.set(e.getKey(), tree(e.getValue()));
                    } else if (e.getKey().startsWith("image/") && !e.getKey().equals("image/svg+xml")) {
                        data.put(e.getKey(), e.getValue());
                    } else {
                        data.set(e.getKey(), lines(e.getValue()));
                    }
                }
                n.putObject("metadata");
                if (o.kind() == CellOutput.Kind.EXECUTE_RESULT) {
                    if (count == null) {
                        n.putNull("execution_count");
                    } else {
                        n.put("execution_count", count);
                    }
                }
            }
        }
        return n;
    }

    /** A multi-line string as Jupyter writes it: one list entry per line, each but the last ending in a newline. */
    private static ArrayNode lines(String text) {
        ArrayNode a = MAPPER.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                a.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            a.add(text.substring(start));
        }
        return a;
    }
}
