package dev.glivy.glue.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * What a Glue session does with Glivy's {@code glivy-s3-v1} code (Python or Scala): runs the query ({@link StubSql}),
 * writes at most {@code limit + 1} rows as gzip JSON lines under the code's S3 path, as Spark does (up to three
 * {@code part-NNNNN-<uuid>-c000.json.gz} files in partition order, then an empty {@code _SUCCESS}), through the
 * {@link Writer} a test gives the stub, and prints the pointer. The stub cannot run Spark; this simulates it.
 */
public final class StubS3Sql {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Pattern CHUNK = Pattern.compile("(?m)^\\s*\"([A-Za-z0-9+/=]*)\",?\\s*$");
    private static final Pattern NONCE = Pattern.compile("#glivy-s3-v1 begin ([0-9a-f]+)");
    private static final Pattern PATH = Pattern.compile("(?:path|glivyPath) = \"(s3://[^\"]*)\"");
    private static final Pattern LIMIT = Pattern.compile("\\.limit\\((\\d+)\\)");

    /** Where the simulated session writes: an S3 bucket the test controls (moto). */
    @FunctionalInterface
    public interface Writer {
        /** Stores one object. */
        void put(String bucket, String key, byte[] data);
    }

    private StubS3Sql() {}

    static boolean isS3Code(String code) {
        return code.contains("glivy-s3-v1")
                && NONCE.matcher(code).find()
                && PATH.matcher(code).find();
    }

    /** Runs the code: writes the objects and returns the printed pointer. */
    static String run(String code, Writer writer) throws StubSql.Failure {
        StringBuilder b64 = new StringBuilder();
        Matcher c = CHUNK.matcher(code);
        while (c.find()) {
            b64.append(c.group(1));
        }
        Matcher nonce = NONCE.matcher(code);
        Matcher path = PATH.matcher(code);
        nonce.find();
        path.find();
        Matcher limitCall = LIMIT.matcher(code);
        long limit = limitCall.find() ? Long.parseLong(limitCall.group(1)) - 1 : Integer.MAX_VALUE - 1;
        String query = new String(Base64.getDecoder().decode(b64.toString()), StandardCharsets.UTF_8);
        StubSql.Table t = StubSql.run(query);
        int written = (int) Math.min(t.rows().size(), limit + 1);
        String uri = path.group(1);
        String bucket = uri.substring(5, uri.indexOf('/', 5));
        String prefix = uri.substring(uri.indexOf('/', 5) + 1);
        List<List<Object>> rows = t.rows().subList(0, written);
        int parts = Math.min(3, Math.max(1, rows.size()));
        int per = (rows.size() + parts - 1) / Math.max(1, parts);
        String job = UUID.randomUUID().toString();
        for (int p = 0; p < parts; p++) {
            List<List<Object>> slice =
                    rows.subList(Math.min(rows.size(), p * per), Math.min(rows.size(), (p + 1) * per));
            writer.put(bucket, prefix + String.format("part-%05d-%s-c000.json.gz", p, job), gzip(lines(t, slice)));
        }
        writer.put(bucket, prefix + "_SUCCESS", new byte[0]);
        long n = Math.min(written, limit);
        ObjectNode pointer = JSON.createObjectNode();
        pointer.put("uri", uri).put("rows", n).put("written", written).put("truncated", written > n);
        ObjectNode schema = pointer.putObject("schema").put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        for (int i = 0; i < t.names().size(); i++) {
            fields.addObject()
                    .put("name", t.names().get(i))
                    .put("type", t.types().get(i))
                    .put("nullable", false)
                    .putObject("metadata");
        }
        return "\n#glivy-s3-v1 begin " + nonce.group(1) + "\n" + write(pointer) + "\n#glivy-s3-v1 end " + nonce.group(1)
                + "\n";
    }

    private static byte[] lines(StubSql.Table t, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : rows) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < row.size(); i++) {
                o.putPOJO(t.names().get(i), row.get(i));
            }
            out.append(write(o)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code data} gzip-compressed, as Spark writes it with compression=gzip. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
