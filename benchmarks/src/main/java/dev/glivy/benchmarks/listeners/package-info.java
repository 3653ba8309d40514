/** What listeners cost a statement: none, a plain listener, progress events, GlivyMetrics. */
@NullMarked
package dev.glivy.benchmarks.listeners;

import org.jspecify.annotations.NullMarked;
