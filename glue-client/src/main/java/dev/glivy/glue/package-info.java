/**
 * AWS Glue for Glivy. {@link dev.glivy.glue.GlueTransport} (built by {@link dev.glivy.glue.GlueTransportBuilder}) runs
 * sessions as Glue interactive sessions and speaks only the session protocol. The rest is one entry point per job,
 * each configured with the same {@link dev.glivy.glue.GlueClientConfig} (region, endpoints, credentials, clients,
 * executor, timeouts, retry policy): {@link dev.glivy.glue.GlueAdmin} for the operations that are not session verbs
 * ({@code %status} with cost, whoami, tag listing, delete, dashboard link, the reaper),
 * {@link dev.glivy.glue.GlueCatalog} for Data Catalog browsing without a session, and {@link dev.glivy.glue.GlueJobs}
 * for shipping a notebook as a Glue job. The other public types are their immutable results. Large SQL results
 * through S3 stream with {@code InteractiveSession.sqlStream}.
 */
@NullMarked
package dev.glivy.glue;

import org.jspecify.annotations.NullMarked;
