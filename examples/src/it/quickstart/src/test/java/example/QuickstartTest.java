package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the Quickstart against the installed artifacts and checks what it prints, line by line. */
class QuickstartTest {
    @Test
    void printsWhatTheReadmeSays() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        original.print(printed);
        assertEquals("res0: String = HELLO\n0 -> 0\n1 -> 1\n2 -> 4\n3 -> 9\n4 -> 16\n", printed.replace("\r\n", "\n"));
    }
}
