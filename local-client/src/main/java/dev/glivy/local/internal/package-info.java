/**
 * Internals of the local transport: the shared in-process Spark, per-session Scala interpreters, SQL result encoding
 * and the statement machinery.
 *
 * <p><b>Not API.</b> Everything here may change without notice, even when it is public for cross-package reasons.
 */
@NullMarked
package dev.glivy.local.internal;

import org.jspecify.annotations.NullMarked;
