/**
 * Typed SQL results: the code Glivy generates to run a query in a Python or Scala session, the envelope it prints,
 * Spark schema JSON, temporal text, record mapping and the CSV / JSON lines writers.
 *
 * <p><b>Not API.</b> Everything here may change without notice, even when it is public for cross-package reasons.
 */
@NullMarked
package dev.glivy.internal.sql;

import org.jspecify.annotations.NullMarked;
