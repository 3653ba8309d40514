package dev.glivy.spi;

/**
 * A registration made by {@link SessionTransport#watch}; closing it stops the calls to its {@link ChangeListener}.
 * Closing twice does nothing. Thread-safe.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface Watch extends AutoCloseable {
    /** Stops the notifications; never throws. */
    @Override
    void close();
}
