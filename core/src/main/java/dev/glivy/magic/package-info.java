/**
 * The Glue notebook magics as typed values: a parser for cell text, a renderer back to text, and their effect on a
 * {@link dev.glivy.config.SessionConfig}.
 */
@NullMarked
package dev.glivy.magic;

import org.jspecify.annotations.NullMarked;
