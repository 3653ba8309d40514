/**
 * The transport contract kit: {@link dev.glivy.test.contract.TransportContract}, the JUnit 5 suite a transport
 * author extends to prove a {@link dev.glivy.spi.SessionTransport} behaves like Glivy's built-in ones.
 */
@NullMarked
package dev.glivy.test.contract;

import org.jspecify.annotations.NullMarked;
