/**
 * Glivy's public API: {@link dev.glivy.InteractiveSession}, {@link dev.glivy.SessionBuilder}, statement requests and
 * results, normalized states, the listener and the exception hierarchy.
 *
 * <p>Every type here is either immutable or documented as thread-safe; {@code null} is never accepted or returned
 * unless a member is annotated {@code @Nullable}.
 */
@NullMarked
package dev.glivy;

import org.jspecify.annotations.NullMarked;
