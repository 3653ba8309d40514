package dev.glivy.config;

/**
 * Where a configuration value came from, highest priority first: explicit builder calls and magics, environment
 * variables ({@code glue_*}), the AWS config profile ({@code glue_*} keys in {@code ~/.aws/config}), Glivy's defaults.
 *
 * <p>Immutable.
 */
public enum ConfigSource {
    /** Set through {@code SessionBuilder}/{@code SessionConfig.Builder} or a magic. */
    EXPLICIT,
    /** Read from an environment variable. */
    ENVIRONMENT,
    /** Read from the AWS config file profile. */
    AWS_PROFILE,
    /** Glivy's documented default. */
    DEFAULT
}
