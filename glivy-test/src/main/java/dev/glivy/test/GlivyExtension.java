package dev.glivy.test;

import dev.glivy.InteractiveSession;
import dev.glivy.SessionBuilder;
import dev.glivy.spi.SessionTransport;
import dev.glivy.spi.TransportProvider;
import dev.glivy.test.internal.RunResources;
import dev.glivy.test.internal.SessionHolder;
import dev.glivy.test.internal.SkipLine;
import dev.glivy.test.internal.TestEnvironment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link GlivyTest} (or {@code @ExtendWith(GlivyExtension.class)}, with the defaults):
 * gives tests a started {@link InteractiveSession} on the backend chosen at run time, and its
 * {@link SessionTransport}.
 *
 * <p><b>Injection.</b> Non-final fields (static or not) whose type is {@code InteractiveSession} or
 * {@code SessionTransport} are set before each test (static ones also before {@code @BeforeAll}, unless the scope is
 * {@link SessionScope#METHOD}); parameters of those types are resolved in test methods, lifecycle methods and
 * constructors. Constructor parameters with scope {@code METHOD} get a session of their own for that instance,
 * closed when the class ends.
 *
 * <p><b>Backend.</b> A {@code static} field marked {@link GlivyTransport} wins. Otherwise the name comes from
 * {@link GlivyTest#transport()}, the system property {@value #TRANSPORT_PROPERTY}, the environment variable
 * {@value #TRANSPORT_ENV}, or is {@value #DEFAULT_TRANSPORT}; the transport is made by the
 * {@link TransportProvider} of that name on the test class path. Its settings are read each from the system
 * property of the same name or the environment variable in upper case with underscores:
 * <ul>
 *   <li>{@code local} (glivy-local): {@code local.master} ({@code LOCAL_MASTER}), {@code local.warehouse};
 *       nothing required. Spark needs the JVM flags of the README's "Testing your code with glivy-test";
 *   <li>{@code livy} (glivy-livy): {@code livy.url} ({@code LIVY_URL}, required), {@code livy.user},
 *       {@code livy.password}, {@code livy.token};
 *   <li>{@code glue} (glivy-glue): {@code glue.role} ({@code GLUE_ROLE}, required), {@code glue.region}
 *       ({@code GLUE_REGION}; else the AWS SDK's chain), {@code glue.endpoint}.
 * </ul>
 * A class whose backend's module is missing or whose required setting is not set is skipped (disabled, with the
 * reason), and one line, {@code [skipped] <Class>: ...} saying what to set, goes to the process's standard error, so
 * it shows on the build's console.
 *
 * <p><b>Sharing and ownership.</b> One transport per backend and settings is shared by the whole run (one local Spark
 * per run) and closed when the run ends; sessions live as the {@link SessionScope} says (default
 * {@link SessionScope#CLASS}) and are closed by the extension. A session a test left broken (lost, failed, stopped)
 * is replaced before the next test. A {@link GlivyTransport} transport is never closed by the extension.
 *
 * <p>Thread-safe: works with JUnit's parallel execution; tests running at the same time in one scope share its
 * session (statements then run one at a time, in submission order).
 *
 * @since 0.2
 */
public final class GlivyExtension
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** The system property naming the backend: {@value}. */
    public static final String TRANSPORT_PROPERTY = "glivy.test.transport";
    /** The environment variable naming the backend: {@value}. */
    public static final String TRANSPORT_ENV = "GLIVY_TEST_TRANSPORT";
    /** The backend used when nothing names one: {@value}. */
    public static final String DEFAULT_TRANSPORT = "local";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GlivyExtension.class);
    private static final String BACKEND = "backend";
    private static final String SESSION = "session";

    private final TestEnvironment environment;

    /** The extension, reading the JVM's system properties and environment. */
    public GlivyExtension() {
        this(TestEnvironment.system());
    }

    GlivyExtension(TestEnvironment environment) {
        this.environment = environment;
    }

    /** What a class runs on: a transport, or why it cannot run. */
    private record Backend(
            String key,
            @Nullable SessionTransport transport,
            @Nullable TransportProvider provider,
            Map<String, String> settings,
            @Nullable String skip) {}

    // ------------------------------------------------------------------------------------------------ callbacks

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a test class");
        }
        Backend b = backend(context);
        if (b.skip() != null) {
            if (context.getTestMethod().isEmpty()) {
                SkipLine.print(context.getRequiredTestClass(), b.skip());
            }
            return ConditionEvaluationResult.disabled(b.skip());
        }
        return ConditionEvaluationResult.enabled(
                "backend " + b.key().substring(0, b.key().indexOf(' ') + 1).strip());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (settings(context).scope() != SessionScope.METHOD) {
            inject(context, null);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        inject(context, context.getTestInstance().orElse(null));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == InteractiveSession.class || type == SessionTransport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == SessionTransport.class) {
            return transport(context);
        }
        boolean constructor = parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor<?>;
        if (constructor
                && settings(context).scope() == SessionScope.METHOD
                && context.getTestMethod().isEmpty()) {
            SessionHolder own = classContext(context)
                    .getStore(NS)
                    .getOrComputeIfAbsent(
                            SESSION + "-ctor-" + UUID.randomUUID(), k -> newHolder(context), SessionHolder.class);
            return own.current();
        }
        return holder(context).current();
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void inject(ExtensionContext context, @Nullable Object instance) throws IllegalAccessException {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = context.getRequiredTestClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(f.getModifiers());
                if ((f.getType() == InteractiveSession.class || f.getType() == SessionTransport.class)
                        && !Modifier.isFinal(f.getModifiers())
                        && !f.isAnnotationPresent(GlivyTransport.class)
                        && (isStatic || instance != null)) {
                    fields.add(f);
                }
            }
        }
        for (Field f : fields) {
            Object value = f.getType() == SessionTransport.class
                    ? transport(context)
                    : holder(context).current();
            f.setAccessible(true);
            f.set(Modifier.isStatic(f.getModifiers()) ? null : instance, value);
        }
    }

    private SessionTransport transport(ExtensionContext context) {
        Backend b = backend(context);
        if (b.transport() == null) {
            throw new ExtensionConfigurationException(String.valueOf(b.skip()));
        }
        return b.transport();
    }

    private SessionHolder holder(ExtensionContext context) {
        GlivyTest settings = settings(context);
        switch (settings.scope()) {
            case METHOD:
                if (context.getTestMethod().isPresent()) {
                    return methodContext(context)
                            .getStore(NS)
                            .getOrComputeIfAbsent(SESSION, k -> newHolder(context), SessionHolder.class);
                }
                // a @BeforeAll/@AfterAll parameter: the class has one session for those
                return classContext(context)
                        .getStore(NS)
                        .getOrComputeIfAbsent(SESSION + "-class", k -> newHolder(context), SessionHolder.class);
            case RUN:
                Backend b = backend(context);
                return run(context).sessions(b.key() + "\u0000" + settings.magics(), k -> newHolder(context));
            case CLASS:
            default:
                return classContext(context)
                        .getStore(NS)
                        .getOrComputeIfAbsent(SESSION, k -> newHolder(context), SessionHolder.class);
        }
    }

    private SessionHolder newHolder(ExtensionContext context) {
        Backend b = backend(context);
        SessionTransport t = transport(context);
        String magics = settings(context).magics();
        return new SessionHolder(() -> {
            SessionBuilder builder = InteractiveSession.builder().transport(t);
            if (b.provider() != null) {
                b.provider().configure(builder, b.settings());
            }
            if (!magics.isBlank()) {
                builder.magics(magics);
            }
            return builder.start();
        });
    }

    private Backend backend(ExtensionContext context) {
        ExtensionContext cls = classContext(context);
        return cls.getStore(NS).getOrComputeIfAbsent(BACKEND, k -> resolve(cls), Backend.class);
    }

    private Backend resolve(ExtensionContext cls) {
        Class<?> testClass = cls.getRequiredTestClass();
        Optional<SessionTransport> pinned = pinnedTransport(testClass);
        if (pinned.isPresent()) {
            SessionTransport t = pinned.get();
            return new Backend(t.backend() + " " + System.identityHashCode(t), t, null, Map.of(), null);
        }
        String name = settings(cls).transport();
        String source = "@GlivyTest(transport)";
        if (name.isBlank()) {
            String env = environment.get(TRANSPORT_PROPERTY, TRANSPORT_ENV);
            name = env == null ? DEFAULT_TRANSPORT : env;
            source = env == null ? "the default" : TRANSPORT_PROPERTY + "/" + TRANSPORT_ENV;
        }
        TransportProvider provider;
        try {
            provider = TransportProvider.load(name, testClass.getClassLoader());
        } catch (IllegalArgumentException e) {
            return skip(
                    name,
                    "glivy-test backend '" + name + "' (from " + source + ") is not available: "
                            + e.getMessage() + " Or choose another with -D" + TRANSPORT_PROPERTY + "=... (or "
                            + TRANSPORT_ENV + ").");
        }
        Map<String, String> settings = environment.settings(provider.settings().keySet());
        String key = provider.name() + " " + new TreeMap<>(settings);
        try {
            SessionTransport t = run(cls).transport(key, () -> provider.create(settings));
            return new Backend(key, t, provider, settings, null);
        } catch (IllegalArgumentException e) {
            StringBuilder how = new StringBuilder();
            String message = String.valueOf(e.getMessage());
            boolean named = provider.settings().keySet().stream().anyMatch(k -> message.contains("'" + k + "'"));
            for (String k : provider.settings().keySet()) {
                if (!settings.containsKey(k) && (!named || message.contains("'" + k + "'"))) {
                    how.append(how.length() == 0 ? "" : ", ")
                            .append("-D")
                            .append(k)
                            .append(" or ")
                            .append(TestEnvironment.variableName(k));
                }
            }
            return skip(
                    name,
                    "glivy-test backend '" + provider.name() + "' (from " + source + ") is not configured: "
                            + e.getMessage() + ". Set " + how + ", or choose another backend with -D"
                            + TRANSPORT_PROPERTY
                            + "=... (or " + TRANSPORT_ENV + ").");
        }
    }

    private static Backend skip(String name, String reason) {
        return new Backend(name + " (not available)", null, null, Map.of(), reason);
    }

    private static Optional<SessionTransport> pinnedTransport(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(GlivyTransport.class)) {
                    continue;
                }
                if (!Modifier.isStatic(f.getModifiers()) || !SessionTransport.class.isAssignableFrom(f.getType())) {
                    throw new ExtensionConfigurationException("@GlivyTransport field " + c.getSimpleName() + "."
                            + f.getName() + " must be static and of a SessionTransport type");
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(null);
                    if (v == null) {
                        throw new ExtensionConfigurationException(
                                "@GlivyTransport field " + c.getSimpleName() + "." + f.getName() + " is null");
                    }
                    return Optional.of((SessionTransport) v);
                } catch (IllegalAccessException e) {
                    throw new ExtensionConfigurationException("cannot read @GlivyTransport field " + f, e);
                }
            }
        }
        return Optional.empty();
    }

    private static RunResources run(ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(RunResources.class, k -> new RunResources(), RunResources.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static ExtensionContext methodContext(ExtensionContext context) {
        return context;
    }

    private static GlivyTest settings(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            GlivyTest a = c.getAnnotation(GlivyTest.class);
            if (a != null) {
                return a;
            }
        }
        return Defaults.class.getAnnotation(GlivyTest.class);
    }

    @GlivyTest
    private static final class Defaults {}
}
