/**
 * Reading, writing and rendering of notebook files behind {@link dev.glivy.notebook}. Not API: may change without
 * notice.
 */
@NullMarked
package dev.glivy.internal.notebook;

import org.jspecify.annotations.NullMarked;
