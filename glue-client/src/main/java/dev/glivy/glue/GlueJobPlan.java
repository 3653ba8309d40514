package dev.glivy.glue;

import dev.glivy.Language;
import dev.glivy.config.SessionConfig;
import java.util.List;
import java.util.Objects;

/**
 * A notebook converted to a Glue job, before anything is sent to AWS: the job script, where it will be uploaded,
 * the job definition, and what of the notebook has no job equivalent. Made by {@link GlueJobs#plan}; review or
 * commit it, then {@link GlueJobs#deploy(GlueJobPlan)} it.
 *
 * <p>Immutable; thread-safe.
 *
 * @since 0.2
 */
public final class GlueJobPlan {
    private final String source;
    private final Language language;
    private final String script;
    private final GlueJobDefinition definition;
    private final List<String> notes;
    private final SessionConfig config;

    GlueJobPlan(
            String source,
            Language language,
            String script,
            GlueJobDefinition definition,
            List<String> notes,
            SessionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.language = Objects.requireNonNull(language, "language");
        this.script = Objects.requireNonNull(script, "script");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.notes = List.copyOf(notes);
    }

    /** The notebook it came from (a file name). */
    public String source() {
        return source;
    }

    /** The job's name. */
    public String jobName() {
        return definition.name();
    }

    /** The script's language: Python or Scala. */
    public Language language() {
        return language;
    }

    /** The job script's text (UTF-8 when uploaded). */
    public String script() {
        return script;
    }

    /** Where the script goes: {@code s3://bucket/prefix/<job name>.py} or {@code .scala}. */
    public String scriptUri() {
        return definition.scriptLocation();
    }

    /** The job definition. */
    public GlueJobDefinition definition() {
        return definition;
    }

    /** One sentence per notebook setting or magic that has no job equivalent. */
    public List<String> notes() {
        return notes;
    }

    /** The configuration the notebook's magics give (it chooses the AWS clients of deploy and run). */
    SessionConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "GlueJobPlan{" + source + " -> " + definition + ", " + notes.size() + " note(s)}";
    }
}
