/**
 * The transport SPI: what a backend (Livy, Glue, local Spark, or your own) implements so that
 * {@link dev.glivy.InteractiveSession} can drive it. Transports only speak their backend's protocol and map its
 * states and errors; polling, deadlines, retries, cancellation and state machines live in Glivy's core.
 */
@NullMarked
package dev.glivy.spi;

import org.jspecify.annotations.NullMarked;
