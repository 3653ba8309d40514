package dev.glivy.livy.internal;

import dev.glivy.livy.LivyAuth;
import dev.glivy.livy.LivyTransport;
import dev.glivy.livy.LivyTransportBuilder;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code "livy"} {@link TransportProvider}, so tools that choose the backend by name (glivy-test) need no compile
 * dependency on this module. Reads {@code livy.url} (required), and optionally {@code livy.user} with
 * {@code livy.password} (basic auth) or {@code livy.token} (bearer). Stateless.
 */
public final class LivyTransportProvider implements TransportProvider {
    static final String URL = "livy.url";
    private static final String URL_MEANING = "the Livy server URL, for example http://127.0.0.1:8998";

    @Override
    public String name() {
        return "livy";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(URL, "the Livy server URL, for example http://127.0.0.1:8998 (required)");
        s.put("livy.user", "user for HTTP basic auth (optional, with livy.password)");
        s.put("livy.password", "password for HTTP basic auth (optional)");
        s.put("livy.token", "bearer token (optional)");
        return s;
    }

    @Override
    public SessionTransport create(Map<String, String> settings) {
        LivyTransportBuilder b = LivyTransport.builder().url(TransportProvider.required(settings, URL, URL_MEANING));
        String user = settings.get("livy.user");
        String token = settings.get("livy.token");
        if (user != null && !user.isBlank()) {
            b.auth(LivyAuth.basic(
                    user,
                    TransportProvider.required(settings, "livy.password", "the password that goes with livy.user")));
        } else if (token != null && !token.isBlank()) {
            b.auth(LivyAuth.bearer(token.strip()));
        }
        return b.build();
    }
}
