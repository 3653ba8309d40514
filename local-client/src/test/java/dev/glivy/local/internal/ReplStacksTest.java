package dev.glivy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplStacksTest {
    private static StackTraceElement frame(String className) {
        return new StackTraceElement(className, "m", "F.scala", 1);
    }

    @Test
    void userCodeIsALineFrameAboveTheInterpreter() {
        assertThat(ReplStacks.inUserCode(new StackTraceElement[] {
                    frame("java.lang.Thread"), frame("$line10004.$read$$iw"), frame("scala.tools.nsc.interpreter.IMain")
                }))
                .isTrue();
    }

    @Test
    void compilingIsACompilerFrameAboveAnyLineFrame() {
        assertThat(ReplStacks.inUserCode(new StackTraceElement[] {
                    frame("java.util.zip.ZipFile"),
                    frame("scala.tools.nsc.typechecker.Typers$Typer"),
                    frame("scala.tools.nsc.interpreter.IMain")
                }))
                .isFalse();
        assertThat(ReplStacks.inUserCode(
                        new StackTraceElement[] {frame("scala.tools.nsc.Global"), frame("$line10004.$read$$iw")}))
                .isFalse();
    }

    @Test
    void otherThreadsAreNotInUserCode() {
        assertThat(ReplStacks.inUserCode(Thread.currentThread().getStackTrace()))
                .isFalse();
        assertThat(ReplStacks.inUserCode(new StackTraceElement[0])).isFalse();
    }
}
