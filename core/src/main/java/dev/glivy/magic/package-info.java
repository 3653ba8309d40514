/**
 * The AWS Glue interactive-sessions kernel's notebook magics as typed values.
 *
 * <ul>
 *   <li>{@link dev.glivy.magic.Magic}: one magic, either a {@link dev.glivy.magic.ConfigMagic} (sets
 *       {@link dev.glivy.config.Setting}s on a {@link dev.glivy.config.SessionConfig.Builder}) or an
 *       {@link dev.glivy.magic.ActionMagic} (acts on a running session); one immutable record per magic, such as
 *       {@link dev.glivy.magic.IdleTimeoutMagic} or {@link dev.glivy.magic.ConfigureMagic}.</li>
 *   <li>{@link dev.glivy.magic.MagicCell}: a notebook cell parsed into its magics and code, rendered back to text,
 *       applied to a configuration.</li>
 *   <li>{@link dev.glivy.magic.Magics}: the list of magics, the {@code %help} text and a one-magic parser.</li>
 * </ul>
 *
 * <p>Parsing reads syntax and types (unknown magics, missing arguments, bad numbers, bad JSON) and reports every
 * problem of a text in one {@link dev.glivy.config.InvalidConfigException}; ranges and cross-setting rules (worker
 * types, Glue versions, timeouts, id characters, tag and argument counts) are checked on the whole configuration by
 * {@link dev.glivy.config.SessionConfig#validate()} and {@code SessionBuilder.build()}.
 */
@NullMarked
package dev.glivy.magic;

import org.jspecify.annotations.NullMarked;
