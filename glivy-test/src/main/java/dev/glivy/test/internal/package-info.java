/** Not API: glivy-test's internals; may change without notice. */
@NullMarked
package dev.glivy.test.internal;

import org.jspecify.annotations.NullMarked;
