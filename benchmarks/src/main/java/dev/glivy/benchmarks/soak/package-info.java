/**
 * The fault-soak benchmark: the exactly-once soak of core's testkit ({@code dev.glivy.testkit.FaultSoak}) at
 * benchmark size, through the real Livy transport against the fake Livy and the real Glue transport (AWS SDK) against
 * the Glue stub, each once with the fault mix of the soak ITs and once without faults. Run
 * {@link dev.glivy.benchmarks.soak.FaultSoakBenchmark}.
 *
 * <p><b>Not API.</b> This module is never published.
 */
@NullMarked
package dev.glivy.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
