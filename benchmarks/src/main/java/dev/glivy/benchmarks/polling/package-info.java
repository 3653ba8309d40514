/**
 * The polling benchmark: Glivy's real engine, on virtual time, against the fixed poll schedules of the Glue kernel,
 * sparkmagic and pylivy, over the same simulated backend. Run {@link dev.glivy.benchmarks.polling.PollingBenchmark}.
 *
 * <p><b>Not API.</b> This module is never published.
 */
@NullMarked
package dev.glivy.benchmarks.polling;

import org.jspecify.annotations.NullMarked;
