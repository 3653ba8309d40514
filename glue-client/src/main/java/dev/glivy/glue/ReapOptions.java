package dev.glivy.glue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link GlueAdmin#reap(ReapOptions)} stops: live sessions ({@code PROVISIONING} or {@code READY}) tagged
 * {@code created-by=glivy}, created longer than {@link #olderThan()} ago, by default only the caller's own (tag
 * {@code owner} equal to the caller's owner value, see {@link #owner()}), optionally also matching {@link #tags()}.
 * With {@link #owner()} set, or {@link #ownerOnly()} off, the reaper needs no STS call.
 *
 * <p>Immutable.
 */
public final class ReapOptions {
    /** Default of {@link #dryRun()}: {@value}. */
    public static final boolean DEFAULT_DRY_RUN = false;
    /** Default of {@link #ownerOnly()}: {@value}. */
    public static final boolean DEFAULT_OWNER_ONLY = true;

    private final Duration olderThan;
    private final boolean dryRun;
    private final boolean ownerOnly;
    private final Map<String, String> tags;
    private final @Nullable String owner;

    private ReapOptions(Builder b) {
        this.owner = b.owner;
        this.olderThan = Objects.requireNonNull(b.olderThan, "olderThan must be set");
        this.dryRun = b.dryRun;
        this.ownerOnly = b.ownerOnly;
        this.tags = Map.copyOf(b.tags);
    }

    /** Options that stop the caller's Glivy sessions older than {@code olderThan}. */
    public static ReapOptions olderThan(Duration olderThan) {
        return builder().olderThan(olderThan).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = builder()
                .olderThan(olderThan)
                .dryRun(dryRun)
                .ownerOnly(ownerOnly)
                .tags(tags);
        if (owner != null) {
            b.owner(owner);
        }
        return b;
    }

    /** Minimum age of a session to stop (age = now minus its {@code CreatedOn}). */
    public Duration olderThan() {
        return olderThan;
    }

    /** When {@code true}, nothing is stopped: the report lists what would be. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * When {@code true}, only sessions whose {@code owner} tag is the owner are considered: {@link #owner()} when
     * set, else the admin's {@code GlueAdmin.Builder.owner(...)}, else the caller's STS user id, else (STS
     * unreachable) the access key id the credentials resolve to, the value sessions created without STS carry.
     */
    public boolean ownerOnly() {
        return ownerOnly;
    }

    /** The owner tag value to match, when set explicitly; empty by default (see {@link #ownerOnly()}). */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** Extra tags a session must carry, beyond {@code created-by=glivy}; empty by default. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "ReapOptions{olderThan=" + olderThan + ", dryRun=" + dryRun + ", ownerOnly=" + ownerOnly
                + (owner == null ? "" : ", owner=" + owner) + ", tags=" + tags + "}";
    }

    /** Builder for {@link ReapOptions}. Not thread-safe. */
    public static final class Builder {
        private Duration olderThan = Duration.ZERO;
        private boolean dryRun = DEFAULT_DRY_RUN;
        private boolean ownerOnly = DEFAULT_OWNER_ONLY;
        private Map<String, String> tags = new LinkedHashMap<>();
        private @Nullable String owner;

        private Builder() {}

        /**
         * The {@code owner} tag value to match (implies nothing about {@link #ownerOnly(boolean)}, which stays on by
         * default), so the reaper needs no STS call to learn who the caller is. Default: not set.
         */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner must not be null");
            if (owner.isBlank()) {
                throw new IllegalArgumentException("owner must not be blank");
            }
            this.owner = owner;
            return this;
        }

        /** Minimum age (required; zero means every live session). */
        public Builder olderThan(Duration olderThan) {
            Objects.requireNonNull(olderThan, "olderThan must not be null");
            if (olderThan.isNegative()) {
                throw new IllegalArgumentException("olderThan must be >= 0 but was " + olderThan);
            }
            this.olderThan = olderThan;
            return this;
        }

        /** Report only, stop nothing. Default {@value ReapOptions#DEFAULT_DRY_RUN}. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Only the caller's sessions. Default {@value ReapOptions#DEFAULT_OWNER_ONLY}. */
        public Builder ownerOnly(boolean ownerOnly) {
            this.ownerOnly = ownerOnly;
            return this;
        }

        /** Extra tags a session must carry (copied). */
        public Builder tags(Map<String, String> tags) {
            this.tags = new LinkedHashMap<>(Objects.requireNonNull(tags, "tags must not be null"));
            return this;
        }

        /** Builds the options. */
        public ReapOptions build() {
            return new ReapOptions(this);
        }
    }
}
