package dev.glivy.magic;

/**
 * A magic that acts on a running session instead of configuring one ({@code %status}, {@code %list_sessions},
 * {@code %stop_session}, {@code %reconnect}, {@code %session_id} without argument, {@code %help}, {@code %%sql}).
 * Glivy does not execute these itself: a notebook-like runner switches over them and calls the matching
 * {@code InteractiveSession} method. Text given to {@code SessionBuilder.magics(...)} must not contain them.
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface ActionMagic extends Magic
        permits StatusMagic,
                ListSessionsMagic,
                StopSessionMagic,
                ReconnectMagic,
                ShowSessionIdMagic,
                HelpMagic,
                SqlMagic {}
