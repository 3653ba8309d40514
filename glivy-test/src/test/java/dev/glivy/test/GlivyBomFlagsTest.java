package dev.glivy.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README tells users to copy glivy-bom's {@code glivy.jvm.flags}: it must be the list this build tests with. */
class GlivyBomFlagsTest {
    private static final Pattern FLAGS = Pattern.compile("<glivy\\.jvm\\.flags>([^<]+)</glivy\\.jvm\\.flags>");

    private static String flags(Path pom) throws IOException {
        Matcher m = FLAGS.matcher(Files.readString(pom));
        assertThat(m.find()).as("glivy.jvm.flags in %s", pom).isTrue();
        return m.group(1).strip();
    }

    @Test
    void bomAndRootPomHaveTheSameFlags() throws IOException {
        String root = flags(Path.of("..", "pom.xml"));
        assertThat(flags(Path.of("..", "glivy-bom", "pom.xml"))).isEqualTo(root);
        assertThat(root)
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("-Djdk.reflect.useDirectMethodHandle=false");
    }
}
