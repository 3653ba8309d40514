/**
 * Glivy's Micrometer metrics: {@link dev.glivy.micrometer.GlivyMetrics}, a {@code MeterBinder} that is also a
 * {@code SessionListener}. Core does not depend on Micrometer; only this module does.
 */
@NullMarked
package dev.glivy.micrometer;

import org.jspecify.annotations.NullMarked;
