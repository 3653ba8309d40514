/**
 * The scale benchmark: many sessions with statements in flight against a fast fake Livy in its own JVM, in both
 * transport forms (a builder per session, one shared transport). Not API.
 */
@NullMarked
package dev.glivy.benchmarks.scale;

import org.jspecify.annotations.NullMarked;
