package dev.glivy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module and package arrows of house style 8.1, checked on the main classes of every published module and of
 * {@code examples} (read from this module's test class path; tests and benchmarks are not under the rules). Modules
 * are told apart by package, since each module owns its packages (no split packages).
 */
class ArchitectureTest {

    /** The API packages of core (everything of core outside {@code dev.glivy.internal..}). */
    private static final List<String> CORE_API =
            List.of("dev.glivy", "dev.glivy.config", "dev.glivy.spi", "dev.glivy.magic", "dev.glivy.notebook");

    /** Each non-core module, by the package it owns. {@code dev.glivy.livy} excludes {@code dev.glivy.livy.aws}. */
    private static final List<String> MODULES = List.of(
            "dev.glivy.livy",
            "dev.glivy.livy.aws",
            "dev.glivy.glue",
            "dev.glivy.local",
            "dev.glivy.test",
            "dev.glivy.micrometer",
            "dev.glivy.examples");

    private static final String INTERNAL_API = "dev.glivy.internal.InternalApi";

    private static JavaClasses classes;

    // Reading some 500 class files takes about 1 s on an idle machine, but took 28 s once at load 17 on the shared
    // 2 cores: more than the 30 s unit default leaves for certain. The rules themselves take well under 1 s.
    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void importClasses() throws IOException {
        // Only the class path entries that hold dev/glivy (ArchUnit's importPackages opens every jar: with Spark's
        // some 250 jars that takes over 15 s on a busy machine, against well under 1 s for these).
        List<URL> roots =
                Collections.list(ArchitectureTest.class.getClassLoader().getResources("dev/glivy"));
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrls(roots);
    }

    @Test
    @DisplayName("the classes of every module are on the class path (a rule over no classes would pass)")
    void everyModuleIsImported() {
        Set<String> missing = new TreeSet<>();
        for (String owner : List.of(
                "dev.glivy",
                "dev.glivy.internal",
                "dev.glivy.livy",
                "dev.glivy.livy.aws",
                "dev.glivy.glue",
                "dev.glivy.local",
                "dev.glivy.test",
                "dev.glivy.micrometer",
                "dev.glivy.examples")) {
            if (classes.stream().noneMatch(c -> c.getPackageName().equals(owner))) {
                missing.add(owner);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("no main classes imported from " + missing);
        }
    }

    @Test
    @DisplayName("examples use no *.internal package: they are a consumer of the public API")
    void examplesUseNoInternals() {
        noClasses()
                .that()
                .resideInAPackage("dev.glivy.examples..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .check(classes);
    }

    @Test
    @DisplayName("core depends on no other Glivy module (no transport, no glivy-test, no metrics, no examples)")
    void coreKnowsNoTransport() {
        noClasses()
                .that(inCore())
                .should()
                .dependOnClassesThat(inModuleOtherThanCore())
                .check(classes);
    }

    @Test
    @DisplayName("no module uses another non-core module's *.internal package")
    void internalsStayInTheirModule() {
        for (String module : MODULES) {
            noClasses()
                    .that(inModule(module))
                    .should()
                    .dependOnClassesThat(inInternalOfModuleOtherThan(module))
                    .check(classes);
        }
    }

    @Test
    @DisplayName("core's internal types used by other modules carry @InternalApi")
    void sharedCoreInternalsAreMarked() {
        classes()
                .that()
                .resideInAPackage("dev.glivy.internal..")
                .should(beMarkedInternalApiWhenUsedOutsideCore())
                .check(classes);
    }

    @Test
    @DisplayName("public signatures of API packages name no *.internal type (unless the member is @InternalApi)")
    void apiSignaturesNameNoInternalType() {
        members()
                .that(areInPublicSignatureOf(apiPackage()))
                .should(nameOnlyTypesThat(new DescribedPredicate<>("are not in an *.internal package") {
                    @Override
                    public boolean test(JavaClass type) {
                        return !isInternal(type.getPackageName());
                    }
                }))
                .check(classes);
        classes()
                .that(apiPackage())
                .and(isVisible())
                .should(extendOnlyTypesThat("are not in an *.internal package", t -> !isInternal(t.getPackageName())))
                .check(classes);
    }

    @Test
    @DisplayName("public signatures of core's API packages name only JDK and Glivy types (no third-party type)")
    void coreSignaturesNameNoThirdPartyType() {
        DescribedPredicate<JavaClass> jdkOrGlivy = new DescribedPredicate<>("are JDK or Glivy types") {
            @Override
            public boolean test(JavaClass type) {
                return isJdkOrGlivy(type);
            }
        };
        members()
                .that(areInPublicSignatureOf(inCoreApi()))
                .should(nameOnlyTypesThat(jdkOrGlivy))
                .check(classes);
        classes()
                .that(inCoreApi())
                .and(isVisible())
                .should(extendOnlyTypesThat("are JDK or Glivy types", ArchitectureTest::isJdkOrGlivy))
                .check(classes);
    }

    // ---- predicates and conditions

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    private static boolean isJdkOrGlivy(JavaClass type) {
        JavaClass base = type.getBaseComponentType();
        String pkg = base.getPackageName();
        return base.isPrimitive() || pkg.startsWith("java.") || pkg.equals("dev.glivy") || pkg.startsWith("dev.glivy.");
    }

    private static boolean inPackageTree(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The non-core module that owns {@code pkg}, or empty for core (and for anything not Glivy). */
    private static Optional<String> moduleOf(String pkg) {
        if (inPackageTree(pkg, "dev.glivy.livy.aws")) {
            return Optional.of("dev.glivy.livy.aws");
        }
        return MODULES.stream().filter(m -> inPackageTree(pkg, m)).findFirst();
    }

    private static boolean isCore(String pkg) {
        return CORE_API.contains(pkg) || inPackageTree(pkg, "dev.glivy.internal");
    }

    private static DescribedPredicate<JavaClass> inCore() {
        return DescribedPredicate.describe("are in core", c -> isCore(c.getPackageName()));
    }

    private static DescribedPredicate<JavaClass> inCoreApi() {
        return DescribedPredicate.describe("are in core's API packages", c -> CORE_API.contains(c.getPackageName()));
    }

    private static DescribedPredicate<JavaClass> apiPackage() {
        return DescribedPredicate.describe(
                "are in an API package",
                c -> inPackageTree(c.getPackageName(), "dev.glivy") && !isInternal(c.getPackageName()));
    }

    private static DescribedPredicate<JavaClass> inModuleOtherThanCore() {
        return DescribedPredicate.describe(
                "are in another Glivy module", c -> moduleOf(c.getPackageName()).isPresent());
    }

    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe(
                "are in module " + module,
                c -> moduleOf(c.getPackageName()).filter(module::equals).isPresent());
    }

    private static DescribedPredicate<JavaClass> inInternalOfModuleOtherThan(String module) {
        return DescribedPredicate.describe(
                "are in the *.internal package of a module other than core and " + module,
                c -> isInternal(c.getPackageName())
                        && moduleOf(c.getPackageName())
                                .filter(m -> !m.equals(module))
                                .isPresent());
    }

    /** Public, with every enclosing class public: visible outside its package. */
    private static boolean visible(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static DescribedPredicate<JavaClass> isVisible() {
        return DescribedPredicate.describe("are visible outside their package", ArchitectureTest::visible);
    }

    private static boolean markedInternalApi(JavaMember m) {
        return m.isAnnotatedWith(INTERNAL_API) || markedInternalApi(m.getOwner());
    }

    private static boolean markedInternalApi(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (k.get().isAnnotatedWith(INTERNAL_API)) {
                return true;
            }
        }
        return false;
    }

    /** Public or protected, not synthetic, of a visible class in {@code where}, and not marked @InternalApi. */
    private static DescribedPredicate<JavaMember> areInPublicSignatureOf(DescribedPredicate<JavaClass> where) {
        return DescribedPredicate.describe(
                "are public or protected members of visible classes that " + where.getDescription(),
                m -> where.test(m.getOwner())
                        && visible(m.getOwner())
                        && (m.getModifiers().contains(JavaModifier.PUBLIC)
                                || m.getModifiers().contains(JavaModifier.PROTECTED))
                        && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && !m.getModifiers().contains(JavaModifier.BRIDGE)
                        && !markedInternalApi(m));
    }

    private static Set<JavaClass> signatureTypes(JavaMember m) {
        Set<JavaClass> types = new LinkedHashSet<>();
        if (m instanceof JavaField f) {
            types.addAll(f.getType().getAllInvolvedRawTypes());
        } else if (m instanceof JavaCodeUnit u) {
            types.addAll(u.getReturnType().getAllInvolvedRawTypes());
            for (JavaType p : u.getParameterTypes()) {
                types.addAll(p.getAllInvolvedRawTypes());
            }
            types.addAll(u.getExceptionTypes());
            u.getTypeParameters().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
        }
        return types;
    }

    private static ArchCondition<JavaMember> nameOnlyTypesThat(DescribedPredicate<JavaClass> allowed) {
        return new ArchCondition<>("name only types that " + allowed.getDescription()) {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                for (JavaClass t : signatureTypes(member)) {
                    if (!allowed.test(t)) {
                        events.add(SimpleConditionEvent.violated(
                                member, member.getFullName() + " names " + t.getName() + " in its signature"));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> extendOnlyTypesThat(String description, Predicate<JavaClass> allowed) {
        return new ArchCondition<>("extend and implement only types that " + description) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Set<JavaClass> supers = new LinkedHashSet<>();
                c.getSuperclass().ifPresent(s -> supers.addAll(s.getAllInvolvedRawTypes()));
                c.getInterfaces().forEach(i -> supers.addAll(i.getAllInvolvedRawTypes()));
                c.getTypeParameters().forEach(t -> supers.addAll(t.getAllInvolvedRawTypes()));
                for (JavaClass s : supers) {
                    if (!allowed.test(s)) {
                        events.add(SimpleConditionEvent.violated(
                                c, c.getName() + " extends or implements " + s.getName()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beMarkedInternalApiWhenUsedOutsideCore() {
        return new ArchCondition<>("be annotated @InternalApi when a class outside core uses them") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (markedInternalApi(c)) {
                    return;
                }
                Set<String> users = new TreeSet<>();
                for (Dependency d : c.getDirectDependenciesToSelf()) {
                    JavaClass origin = d.getOriginClass();
                    if (!isCore(origin.getPackageName()) && inPackageTree(origin.getPackageName(), "dev.glivy")) {
                        users.add(origin.getName());
                    }
                }
                if (!users.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(
                            c,
                            c.getName() + " is used outside core by " + users + " but is not annotated @InternalApi"));
                }
            }
        };
    }
}
