/**
 * The AWS parts behind {@code dev.glivy.livy.aws}: the SigV4 request signer over the SDK's {@code AwsV4HttpSigner},
 * and the EMR cluster lookup.
 *
 * <p><b>Not API.</b> Everything here may change without notice, even when it is public for cross-package reasons.
 */
@NullMarked
package dev.glivy.livy.aws.internal;

import org.jspecify.annotations.NullMarked;
