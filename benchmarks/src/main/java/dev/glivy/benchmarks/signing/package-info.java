/** What SigV4 request signing ({@code glivy-livy-aws}) costs per Livy request, next to unsigned requests. */
@NullMarked
package dev.glivy.benchmarks.signing;

import org.jspecify.annotations.NullMarked;
