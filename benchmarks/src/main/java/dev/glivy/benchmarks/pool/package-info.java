/**
 * The session pool benchmark: requests per second and p50/p99 latency of a one-statement request on the local
 * transport, pooled next to a session per request. Run {@link dev.glivy.benchmarks.pool.PoolBenchmark}.
 *
 * <p><b>Not API.</b> This module is never published.
 */
@NullMarked
package dev.glivy.benchmarks.pool;

import org.jspecify.annotations.NullMarked;
