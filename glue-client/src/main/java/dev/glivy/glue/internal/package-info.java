/**
 * Internal implementation of the Glue transport: AWS client wiring, request mapping, state and error mapping, SQL
 * code generation, role derivation, the reaper, Data Catalog calls, and the S3 results side channel (code
 * generation, substitution, reading back, cleanup). Not API: may change without notice.
 */
@NullMarked
package dev.glivy.glue.internal;

import org.jspecify.annotations.NullMarked;
