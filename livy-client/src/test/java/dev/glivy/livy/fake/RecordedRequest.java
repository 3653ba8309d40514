package dev.glivy.livy.fake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request {@link FakeLivyServer} received. Immutable.
 *
 * @param operation the SPI operation it serves (for example {@code submitStatement}), or {@code unknown}
 * @param method HTTP method
 * @param path path below the base path
 * @param query decoded query parameters
 * @param headers headers by lower-case name (first value)
 * @param body the body text, empty when none
 */
public record RecordedRequest(
        String operation,
        String method,
        String path,
        Map<String, String> query,
        Map<String, String> headers,
        String body) {

    /** Copies the maps, keeping their order. */
    public RecordedRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A header by name (case-insensitive), or {@code null}. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
