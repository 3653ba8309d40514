/** The long run of the magic fuzz: {@code SessionBuilder.magics(fuzzed).build()} per transport. */
@NullMarked
package dev.glivy.benchmarks.fuzz;

import org.jspecify.annotations.NullMarked;
