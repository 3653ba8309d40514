/**
 * Immutable configuration types: {@link dev.glivy.config.SessionConfig} (every Glue notebook magic as a typed value,
 * with where each value came from), {@link dev.glivy.config.RetryPolicy}, {@link dev.glivy.config.PollingPolicy} and
 * {@link dev.glivy.config.Timeouts}.
 */
@NullMarked
package dev.glivy.config;

import org.jspecify.annotations.NullMarked;
