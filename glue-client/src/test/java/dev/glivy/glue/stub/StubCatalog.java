package dev.glivy.glue.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Data Catalog of the Glue stub: databases and tables with GetDatabases, GetDatabase, GetTables (with
 * {@code Expression}, a regular expression where {@code *} is a wildcard, as moto reads it) and GetTable, paged
 * with {@code MaxResults}/{@code NextToken} as Glue pages them (moto does not page these calls). Thread-safe.
 */
public final class StubCatalog {
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, ObjectNode>> databases = new LinkedHashMap<>();

    /** Adds a database. */
    public synchronized StubCatalog database(String name) {
        databases.putIfAbsent(name, new LinkedHashMap<>());
        return this;
    }

    /** Adds a table (and its database) with columns given as {@code "name:type"}. */
    public synchronized StubCatalog table(String database, String name, String... columns) {
        database(database);
        ObjectNode t = json.createObjectNode()
                .put("Name", name)
                .put("DatabaseName", database)
                .put("TableType", "EXTERNAL_TABLE");
        ObjectNode sd =
                t.putObject("StorageDescriptor").put("Location", "s3://stub-data/" + database + "/" + name + "/");
        ArrayNode cols = sd.putArray("Columns");
        for (String c : columns) {
            cols.addObject().put("Name", c.substring(0, c.indexOf(':'))).put("Type", c.substring(c.indexOf(':') + 1));
        }
        t.putObject("Parameters").put("classification", "parquet");
        databases.get(database).put(name, t);
        return this;
    }

    synchronized Object handle(String op, JsonNode in) {
        switch (op) {
            case "GetDatabases":
                List<JsonNode> dbs = new ArrayList<>();
                databases.keySet().forEach(n -> dbs.add(json.createObjectNode().put("Name", n)));
                return page(dbs, in, "DatabaseList");
            case "GetDatabase":
                String name = in.path("Name").asText();
                if (!databases.containsKey(name)) {
                    throw new StubError(400, "EntityNotFoundException", "Database " + name + " not found.");
                }
                return json.createObjectNode()
                        .set("Database", json.createObjectNode().put("Name", name));
            case "GetTables":
                Map<String, ObjectNode> tables = tables(in.path("DatabaseName").asText());
                String expr = in.path("Expression").asText("");
                Pattern p = expr.isEmpty() ? null : Pattern.compile(expr.replace("*", ".*"));
                List<JsonNode> matching = new ArrayList<>();
                tables.forEach((n, t) -> {
                    if (p == null || p.matcher(n).lookingAt()) {
                        matching.add(t);
                    }
                });
                return page(matching, in, "TableList");
            case "GetTable":
                ObjectNode t = tables(in.path("DatabaseName").asText())
                        .get(in.path("Name").asText());
                if (t == null) {
                    throw new StubError(
                            400,
                            "EntityNotFoundException",
                            "Table " + in.path("Name").asText() + " not found.");
                }
                return json.createObjectNode().set("Table", t);
            default:
                throw new IllegalArgumentException(op);
        }
    }

    private Map<String, ObjectNode> tables(String database) {
        Map<String, ObjectNode> t = databases.get(database);
        if (t == null) {
            throw new StubError(400, "EntityNotFoundException", "Database " + database + " not found.");
        }
        return t;
    }

    private ObjectNode page(List<JsonNode> all, JsonNode in, String field) {
        int from = in.hasNonNull("NextToken")
                ? Integer.parseInt(in.get("NextToken").asText().substring(4))
                : 0;
        int max = in.path("MaxResults").asInt(100);
        if (max < 1 || max > 100) {
            throw new StubError(400, "ValidationException", "MaxResults must be between 1 and 100");
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray(field);
        for (int i = from; i < Math.min(all.size(), from + max); i++) {
            list.add(all.get(i));
        }
        if (from + max < all.size()) {
            out.put("NextToken", "tok-" + (from + max));
        }
        return out;
    }
}
