/**
 * The AWS Glue interactive sessions transport: {@link dev.glivy.glue.GlueTransport} and its builder, plus the value
 * types of its Glue-only extras ({@code %status}, whoami, the session reaper), Data Catalog browsing without a session
 * ({@link dev.glivy.glue.GlueCatalog}, {@link dev.glivy.glue.GlueDatabase}, {@link dev.glivy.glue.GlueTable},
 * {@link dev.glivy.glue.GlueColumn}, {@link dev.glivy.glue.GlueCatalogNotFoundException}). Large SQL results
 * through S3 stream with {@code InteractiveSession.sqlStream}.
 */
@NullMarked
package dev.glivy.glue;

import org.jspecify.annotations.NullMarked;
