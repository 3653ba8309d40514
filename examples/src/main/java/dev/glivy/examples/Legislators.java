package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.SqlResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Seed 2, the Livy + Glue Data Catalog notebook: join legislators' persons, memberships and organizations in Spark,
 * filter, and pull the reduced result back into Java records for local analysis.
 *
 * <p>Prerequisites: none for the default local Spark; {@code --transport livy} (or {@code LIVY_URL}) runs it on a
 * Livy server on this machine. On Glue, point {@code --data} at an S3 prefix holding the three JSON files.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Plegislators}
 */
public final class Legislators {
    /** One legislator's seat, as the query returns it. */
    record Seat(String name, String gender, LocalDate birthDate, String chamber, String party, LocalDate startDate) {}

    private Legislators() {}

    /** Runs the example. */
    public static void main(String[] args) {
        ExampleOptions o = ExampleOptions.parse(args, System.getenv());
        String dir = o.get("data")
                .orElseGet(() -> SampleData.extract("persons.json", "memberships.json", "organizations.json")
                        .toString());
        try (InteractiveSession session = Backends.builder(o).start()) {
            run(session, dir, System.out);
        }
    }

    static List<Seat> run(InteractiveSession s, String dataDir, PrintStream out) {
        for (String t : List.of("persons", "memberships", "organizations")) {
            String path = dataDir.startsWith("s3://")
                    ? dataDir + "/" + t + ".json"
                    : Path.of(dataDir, t + ".json").toString();
            s.sql("CREATE OR REPLACE TEMPORARY VIEW " + t + " USING json OPTIONS (path " + SampleData.literal(path)
                    + ")");
        }
        SqlResult seats = s.sql("SELECT p.name, p.gender, CAST(p.birth_date AS DATE) AS birth_date, "
                + "chamber.name AS chamber, party.name AS party, CAST(m.start_date AS DATE) AS start_date "
                + "FROM persons p JOIN memberships m ON m.person_id = p.id "
                + "JOIN organizations chamber ON chamber.id = m.organization_id "
                + "AND chamber.classification = 'legislature' "
                + "LEFT JOIN organizations party ON party.id = m.on_behalf_of_id "
                + "WHERE m.start_date >= '2000-01-01' ORDER BY m.start_date");
        TablePrinter.print("Seats taken since 2000 (joined and filtered in Spark):", seats, out);

        List<Seat> list = seats.asRecords(Seat.class);
        Map<String, Long> byParty =
                list.stream().collect(Collectors.groupingBy(Seat::party, TreeMap::new, Collectors.counting()));
        double averageAge = list.stream()
                .mapToInt(x -> Period.between(x.birthDate(), x.startDate()).getYears())
                .average()
                .orElse(0);
        out.println("Pulled " + list.size() + " rows into Java records (" + Seat.class.getSimpleName() + ").");
        out.println("Seats by party: " + byParty);
        out.printf("Average age when taking the seat: %.1f years%n", averageAge);
        out.println("Senate seats: "
                + list.stream().filter(x -> x.chamber().equals("Senate")).count() + ", House seats: "
                + list.stream().filter(x -> !x.chamber().equals("Senate")).count());
        return list;
    }
}
