/**
 * Test fixtures for the Livy transport: an in-process fake Livy REST server with fault injection. Not API.
 */
@NullMarked
package dev.glivy.livy.fake;

import org.jspecify.annotations.NullMarked;
