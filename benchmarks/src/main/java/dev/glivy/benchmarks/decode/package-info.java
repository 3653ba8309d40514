/**
 * The decode benchmark: throughput and heap of turning a large JSON-lines SQL result into typed rows, materialised
 * ({@link dev.glivy.SqlResult}) and streamed ({@link dev.glivy.RowStream}). Run
 * {@link dev.glivy.benchmarks.decode.DecodeBenchmark}.
 *
 * <p><b>Not API.</b> This module is never published.
 */
@NullMarked
package dev.glivy.benchmarks.decode;

import org.jspecify.annotations.NullMarked;
