/**
 * Livy on AWS: {@link dev.glivy.livy.aws.EmrServerlessLivy} for EMR Serverless Livy endpoints (every request signed
 * with AWS SigV4 by the AWS SDK's own signer) and {@link dev.glivy.livy.aws.EmrClusterLivy} for Livy on an EMR
 * cluster found by id or tags. Both build a {@link dev.glivy.livy.LivyTransport}; this module keeps the AWS SDK out of
 * {@code glivy-livy}.
 */
@NullMarked
package dev.glivy.livy.aws;

import org.jspecify.annotations.NullMarked;
