/**
 * The Livy transport's machinery: REST calls over HttpClient 5, Jackson DTOs, state and output mapping, the
 * create-session body, error mapping and redaction.
 *
 * <p><b>Not API.</b> Everything here may change without notice, even when it is public for cross-package reasons.
 */
@NullMarked
package dev.glivy.livy.internal;

import org.jspecify.annotations.NullMarked;
