package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import java.util.Set;

/**
 * A magic that configures the next session: it knows the {@link Setting}s it sets and applies itself to a
 * {@link SessionConfig.Builder}. Applying never validates ranges or cross-setting rules;
 * {@link SessionConfig#validate()} and {@code SessionBuilder.build()} do, with every problem reported at once.
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface ConfigMagic extends Magic
        permits IamRoleMagic,
                RegionMagic,
                ProfileMagic,
                EndpointMagic,
                NumberOfWorkersMagic,
                WorkerTypeMagic,
                MaxCapacityMagic,
                GlueVersionMagic,
                IdleTimeoutMagic,
                TimeoutMagic,
                SecurityConfigMagic,
                ConnectionsMagic,
                AdditionalPythonModulesMagic,
                ExtraPyFilesMagic,
                ExtraJarsMagic,
                SparkConfMagic,
                SessionIdPrefixMagic,
                SessionIdMagic,
                EtlMagic,
                StreamingMagic,
                SessionTypeMagic,
                ConfigureMagic,
                TagsMagic,
                AssumeRoleMagic {

    /** The settings this magic sets, for example {@code [IDLE_TIMEOUT]}. */
    Set<Setting> settings();

    /**
     * Sets this magic's settings on {@code config}, replacing earlier values, except {@code %%tags} and the options
     * of {@code %%configure}, which are added to those already set (a later value wins per key), as the Glue kernel
     * does.
     */
    void applyTo(SessionConfig.Builder config);
}
