package dev.glivy.livy.internal;

import dev.glivy.config.Setting;
import org.jspecify.annotations.Nullable;

/**
 * Why each setting that only AWS Glue understands means nothing to Livy, with what to use instead. The settings Livy
 * honours are listed once here; every other one, including a setting added to {@link Setting} later, is reported as
 * an AWS Glue feature until someone maps it, so a new setting is never silently dropped on Livy.
 */
final class GlueOnlySettings {
    private GlueOnlySettings() {}

    /** The reason {@code s} is ignored on Livy, or {@code null} when Livy honours it. */
    static @Nullable String reason(Setting s) {
        switch (s) {
            case NUMBER_OF_WORKERS:
            case IDLE_TIMEOUT:
            case MAX_LIFETIME:
            case EXTRA_PY_FILES:
            case EXTRA_JARS:
            case SPARK_CONF:
            case SESSION_ID_PREFIX:
            case SESSION_ID:
            case LANGUAGE:
            case OPTIONS:
                return null;
            case IAM_ROLE:
            case ASSUME_ROLE:
                return "Livy sessions do not assume AWS roles; use \"proxyUser\" in %%configure to run as another "
                        + "user";
            case REGION:
            case PROFILE:
            case ENDPOINT:
                return "it selects an AWS Glue endpoint; Livy is reached at LivyTransport.builder().url(...)";
            case WORKER_TYPE:
            case MAX_CAPACITY:
                return "Livy has no worker types or DPUs; size executors with %%configure "
                        + "{\"executorMemory\": \"4g\", \"executorCores\": 2} and %number_of_workers";
            case GLUE_VERSION:
                return "the Spark version is the one the Livy server runs";
            case SESSION_TYPE:
                return "Livy runs interactive sessions only; streaming code runs in them as is";
            case TAGS:
                return "Livy sessions have no tags";
            case ADDITIONAL_PYTHON_MODULES:
                return "Livy cannot install Python packages; ship them with %extra_py_files or %%configure "
                        + "\"archives\"";
            default:
                return "it is an AWS Glue feature";
        }
    }
}
