/**
 * Test fixtures for the Livy transport: an in-process fake Livy REST server that behaves like Livy 0.7.1 with its
 * own REPL, with periodic and seeded-random fault injection ({@link dev.glivy.livy.fake.FaultPlan}) and an execution
 * log for exactly-once checks. Not API.
 */
@NullMarked
package dev.glivy.livy.fake;

import org.jspecify.annotations.NullMarked;
