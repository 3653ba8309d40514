package example;

import static dev.glivy.test.GlivyAssertions.assertThat;

import dev.glivy.InteractiveSession;
import dev.glivy.SparkType;
import dev.glivy.test.GlivyTest;
import dev.glivy.test.GlivyTransport;
import dev.glivy.test.ScriptedTransport;
import dev.glivy.test.SessionScope;
import dev.glivy.test.SqlTable;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The extension with a scripted backend: a session is injected, the fake answers, the assertions check. */
@GlivyTest(scope = SessionScope.CLASS)
class ReportQueriesTest {
    @GlivyTransport
    static final ScriptedTransport BACKEND = ScriptedTransport.create();

    static {
        BACKEND.whenSql(Pattern.compile("(?i)select name, age from people.*")).thenTable(SqlTable.builder()
                .column("name", SparkType.STRING).column("age", SparkType.INTEGER)
                .row("ann", 31).row("bob", 42).build());
        BACKEND.when("spark.version").thenText("res0: String = 3.5.1");
    }

    InteractiveSession session;

    @Test
    void peopleQuery() {
        assertThat(session.sql("select name, age from people order by name"))
                .hasColumns("name", "age")
                .containsExactlyRows(List.of("ann", 31), List.of("bob", 42))
                .isNotTruncated();
    }

    @Test
    void sparkVersion(InteractiveSession s) {
        assertThat(s.execute("spark.version")).succeeded().hasTextContaining("3.5");
    }
}
