package dev.glivy.local.internal;

import dev.glivy.local.LocalTransport;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code "local"} {@link TransportProvider}, so tools that choose the backend by name (glivy-test) need no compile
 * dependency on this module. Reads {@code local.master} (optional, default {@value LocalTransport#DEFAULT_MASTER})
 * and {@code local.warehouse} (optional directory; a temporary one otherwise). Needs no setting. Stateless.
 */
public final class LocalTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("local.master", "Spark master, local[N] (optional, default " + LocalTransport.DEFAULT_MASTER + ")");
        s.put("local.warehouse", "Spark warehouse directory (optional, default a temporary directory)");
        return s;
    }

    @Override
    public SessionTransport create(Map<String, String> settings) {
        LocalTransport.Builder b = LocalTransport.builder();
        String master = settings.get("local.master");
        if (master != null && !master.isBlank()) {
            b.master(master.strip());
        }
        String warehouse = settings.get("local.warehouse");
        if (warehouse != null && !warehouse.isBlank()) {
            b.warehouseDir(Path.of(warehouse.strip()));
        }
        return b.build();
    }
}
