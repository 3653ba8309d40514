package dev.glivy.test;

import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.util.Map;

/** Two providers with the same name, registered in this module's test resources, for the ambiguity message. */
final class TwinProviders {
    private TwinProviders() {}

    /** The first {@code twin}. */
    public static final class One implements TransportProvider {
        @Override
        public String name() {
            return "twin";
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }

        @Override
        public SessionTransport create(Map<String, String> settings) {
            return ScriptedTransport.create();
        }
    }

    /** The second {@code twin}. */
    public static final class Two implements TransportProvider {
        @Override
        public String name() {
            return "TWIN";
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }

        @Override
        public SessionTransport create(Map<String, String> settings) {
            return ScriptedTransport.create();
        }
    }
}
