package dev.glivy.internal.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glivy.Column;
import dev.glivy.Schema;
import dev.glivy.SparkType;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's schema JSON ({@code StructType.json}) to {@link Schema} and back. Both wire formats Glivy decodes (Livy's
 * SQL output and the generated wrappers' envelope) carry the schema this way, so one strict reader serves both; it
 * names the JSON path of anything it cannot read.
 */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SchemaJson() {}

    /**
     * Parses schema JSON text.
     *
     * @throws IllegalArgumentException naming the problem and its path, for example {@code fields[2].type}
     */
    public static Schema parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("schema JSON is empty");
        }
        return parse(root);
    }

    /** Parses a schema already read as a tree. */
    public static Schema parse(JsonNode root) {
        SparkType t = type(root, "schema");
        if (t.kind() != SparkType.Kind.STRUCT) {
            throw new IllegalArgumentException("schema must be a struct type but was " + t.simpleString());
        }
        return t.fields();
    }

    private static SparkType type(JsonNode n, String path) {
        if (n.isTextual()) {
            return SparkType.named(n.asText());
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(path + " must be a type name or a type object but was " + n);
        }
        String kind = text(n, "type", path);
        switch (kind) {
            case "struct":
                JsonNode fields = n.get("fields");
                if (fields == null || !fields.isArray()) {
                    throw new IllegalArgumentException(path + ".fields must be an array");
                }
                List<Column> cols = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    cols.add(column(fields.get(i), path + ".fields[" + i + "]"));
                }
                return SparkType.struct(Schema.of(cols));
            case "array":
                return SparkType.array(
                        type(required(n, "elementType", path), path + ".elementType"), flag(n, "containsNull", path));
            case "map":
                return SparkType.map(
                        type(required(n, "keyType", path), path + ".keyType"),
                        type(required(n, "valueType", path), path + ".valueType"),
                        flag(n, "valueContainsNull", path));
            case "udt":
                return type(required(n, "sqlType", path), path + ".sqlType");
            default:
                return SparkType.named(kind);
        }
    }

    private static Column column(JsonNode f, String path) {
        if (!f.isObject()) {
            throw new IllegalArgumentException(path + " must be an object with name, type and nullable but was " + f);
        }
        String name = text(f, "name", path);
        SparkType t = type(required(f, "type", path), path + ".type");
        JsonNode nullable = f.get("nullable");
        JsonNode meta = f.get("metadata");
        return Column.of(
                name,
                t,
                nullable == null || nullable.asBoolean(true),
                meta == null || meta.isNull() ? "{}" : meta.toString());
    }

    private static JsonNode required(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(path + "." + field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String path) {
        JsonNode v = required(n, field, path);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(path + "." + field + " must be a string but was " + v);
        }
        return v.asText();
    }

    private static boolean flag(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(path + "." + field + " must be true or false but was " + v);
        }
        return v.asBoolean();
    }

    /** Writes {@code schema} as Spark's schema JSON. */
    public static String write(Schema schema) {
        return struct(schema).toString();
    }

    private static ObjectNode struct(Schema schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode().put("type", "struct");
        ArrayNode fields = o.putArray("fields");
        for (Column c : schema.columns()) {
            ObjectNode field = fields.addObject().put("name", c.name());
            field.set("type", typeNode(c.type()));
            field.put("nullable", c.nullable());
            try {
                field.set("metadata", MAPPER.readTree(c.metadataJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "metadata of column '" + c.name() + "' is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        return o;
    }

    private static JsonNode typeNode(SparkType t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t.kind()) {
            case ARRAY:
                ObjectNode a = f.objectNode().put("type", "array");
                a.set("elementType", typeNode(t.elementType()));
                return a.put("containsNull", t.containsNull());
            case MAP:
                ObjectNode m = f.objectNode().put("type", "map");
                m.set("keyType", typeNode(t.keyType()));
                m.set("valueType", typeNode(t.valueType()));
                return m.put("valueContainsNull", t.valueContainsNull());
            case STRUCT:
                return struct(t.fields());
            default:
                return f.textNode(t.name());
        }
    }
}
