package example;

import dev.glivy.InteractiveSession;
import dev.glivy.SqlResult;
import dev.glivy.local.LocalTransport;

/** The README's Quickstart, as a user's program would hold it. */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) {
        try (InteractiveSession session = InteractiveSession.builder()
                .transport(LocalTransport.builder())          // or LivyTransport.builder().url(...), GlueTransport.builder()
                .magics("%idle_timeout 30")                   // Glue notebook magics, or typed setters, or both
                .start()) {                                   // creates the session and waits until it is ready
            session.execute("val greeting = \"hello\"");      // Scala on local and Livy, Python by default on Glue
            System.out.print(session.execute("greeting.toUpperCase").text());     // res0: String = HELLO (text ends in \n)

            SqlResult top = session.sql("SELECT id, id * id AS square FROM range(5)");
            top.rows().forEach(r -> System.out.println(r.getLong("id") + " -> " + r.getLong("square")));   // 0 -> 0 ... 4 -> 16
        }                                                     // close() stops the session
    }
}
