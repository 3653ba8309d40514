package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** JSON fixtures under {@code src/test/resources/livy}, read with a mapper configured like the transport's. */
final class Fixtures {
    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Fixtures() {}

    /** The fixture read exactly as {@code LivyHttp} reads a 2xx answer: from its bytes, which the mapping may keep. */
    static <T> T readAsTransport(String name, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/livy/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            byte[] body = in.readAllBytes();
            return JSON.readerFor(type).withAttribute(OutputData.BODY, body).readValue(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String name, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/livy/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
