/**
 * Runnable examples: one {@code main} per scenario, using Glivy's public API only. Never published.
 */
@NullMarked
package dev.glivy.examples;

import org.jspecify.annotations.NullMarked;
