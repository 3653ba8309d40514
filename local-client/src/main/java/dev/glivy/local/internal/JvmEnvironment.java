package dev.glivy.local.internal;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The one place the local transport reads the JVM's environment: the class path the Scala interpreter compiles
 * against, and whether the {@code --add-opens} flags Spark needs on Java 17+ are present.
 *
 * <p>Pure functions over the running JVM; thread-safe.
 */
public final class JvmEnvironment {
    /** The JVM flags Spark needs on Java 17+ (the list spark-submit adds). */
    public static final List<String> SPARK_JVM_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private JvmEnvironment() {}

    /**
     * The {@code --add-opens} flags of {@link #SPARK_JVM_FLAGS} this JVM lacks for {@code sparkModule} (the module
     * Spark's classes are in). Empty when all are present, or when Spark runs in a named module, where the
     * {@code ALL-UNNAMED} flags do not apply and the check cannot judge.
     */
    public static List<String> missingOpens(Module sparkModule) {
        if (sparkModule.isNamed()) {
            return List.of();
        }
        return missingOpens((module, pkg) -> ModuleLayer.boot()
                .findModule(module)
                .map(m -> m.isOpen(pkg, sparkModule))
                .orElse(true));
    }

    /** The {@code --add-opens} flags whose package {@code isOpen} (module name, package) says is not open. */
    static List<String> missingOpens(BiPredicate<String, String> isOpen) {
        List<String> missing = new ArrayList<>();
        for (String flag : SPARK_JVM_FLAGS) {
            if (!flag.startsWith("--add-opens=")) {
                continue;
            }
            String spec = flag.substring("--add-opens=".length(), flag.indexOf("=ALL-UNNAMED"));
            String module = spec.substring(0, spec.indexOf('/'));
            String pkg = spec.substring(spec.indexOf('/') + 1);
            if (!isOpen.test(module, pkg)) {
                missing.add(flag);
            }
        }
        return missing;
    }

    /**
     * The class path for the Scala interpreter: {@code extra} first, then {@code java.class.path}, then the URLs
     * of {@code loader} and its parents when they are {@link URLClassLoader}s (application servers, test runners).
     */
    public static String interpreterClasspath(List<Path> extra, ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        extra.forEach(p -> entries.add(p.toAbsolutePath().toString()));
        String cp = System.getProperty("java.class.path", "");
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Whether {@code SPARK_LOCAL_IP} or {@code SPARK_LOCAL_HOSTNAME} is set in the environment: Spark then chooses
     * its host name from them, and the local transport does not pin it.
     */
    public static boolean sparkHostFromEnvironment() {
        return System.getenv("SPARK_LOCAL_IP") != null || System.getenv("SPARK_LOCAL_HOSTNAME") != null;
    }
}
