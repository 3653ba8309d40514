/**
 * Glivy's engine: session state machine, polling, retries, deadlines, configuration layering and validation.
 *
 * <p><b>Not API.</b> Everything here may change without notice, even when it is public for cross-package reasons.
 */
@NullMarked
package dev.glivy.internal;

import org.jspecify.annotations.NullMarked;
