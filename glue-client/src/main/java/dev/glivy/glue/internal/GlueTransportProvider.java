package dev.glivy.glue.internal;

import dev.glivy.SessionBuilder;
import dev.glivy.glue.GlueTransport;
import dev.glivy.glue.GlueTransportBuilder;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code "glue"} {@link TransportProvider}, so tools that choose the backend by name (glivy-test) need no compile
 * dependency on this module. Reads {@code glue.role} (required: the IAM role the session runs as),
 * {@code glue.region} (optional; the AWS SDK's default region chain otherwise) and {@code glue.endpoint} (optional
 * endpoint override). Credentials come from the AWS SDK's default chain. Stateless.
 */
public final class GlueTransportProvider implements TransportProvider {
    static final String ROLE = "glue.role";
    static final String REGION = "glue.region";
    static final String ENDPOINT = "glue.endpoint";

    @Override
    public String name() {
        return "glue";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(ROLE, "the IAM role ARN Glue sessions run as (required)");
        s.put(REGION, "the AWS region, for example eu-west-1 (optional: the AWS SDK's default chain)");
        s.put(ENDPOINT, "a Glue endpoint override (optional)");
        return s;
    }

    @Override
    public SessionTransport create(Map<String, String> settings) {
        TransportProvider.required(settings, ROLE, "the IAM role ARN Glue sessions run as");
        GlueTransportBuilder b = GlueTransport.builder();
        String region = settings.get(REGION);
        if (region != null && !region.isBlank()) {
            b.region(region.strip());
        }
        String endpoint = settings.get(ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            b.clientConfig(c -> c.endpointOverride(URI.create(endpoint.strip())));
        }
        return b.build();
    }

    @Override
    public SessionBuilder configure(SessionBuilder builder, Map<String, String> settings) {
        String role = TransportProvider.required(settings, ROLE, "the IAM role ARN Glue sessions run as");
        return builder.config(c -> c.iamRole(role));
    }
}
