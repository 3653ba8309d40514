package dev.glivy.examples;

import dev.glivy.InteractiveSession;
import dev.glivy.SqlResult;
import java.io.PrintStream;

/**
 * Seed 1, the AWS Glue notebook: load county populations, notice that sorting the string column is lexicographic,
 * fix the types with a mapping (cast and rename, like Glue's {@code apply_mapping}), sort numerically, save the
 * result as a table and query it back. Everything is SQL, so the same program runs on every backend.
 *
 * <p>Prerequisites: none for the default local Spark. {@code --transport livy} (or {@code LIVY_URL} set) runs it on a
 * Livy server that can read this machine's temporary files. {@code --transport glue --region us-east-1 --role <arn>
 * --data s3://bucket/county_populations.csv --table-location s3://bucket/populations/} runs it on AWS Glue (upload
 * {@code examples/src/main/resources/data/county_populations.csv} first; it costs a few cents).
 *
 * <p>On local Spark and Livy the new table is written to a fresh temporary directory (a Livy server keeps its
 * warehouse between sessions, so a fixed location would collide with an earlier run); {@code --table-location}
 * chooses another.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Ppopulations}
 */
public final class Populations {
    /** What the run found, for the smoke test. */
    record Summary(String lexicographicFirst, String numericFirst, long numericFirstPopulation, long tableRows) {}

    private Populations() {}

    /** Runs the example; see the class comment for the flags. */
    public static void main(String[] args) {
        ExampleOptions o = ExampleOptions.parse(args, System.getenv());
        String data = o.get("data")
                .orElseGet(() -> o.transport().equals("glue")
                        ? o.require("data", "for --transport glue: an S3 URI of county_populations.csv")
                        : SampleData.extract("county_populations.csv")
                                .resolve("county_populations.csv")
                                .toString());
        String location = o.transport().equals("glue")
                ? o.require("table-location", "for --transport glue: an S3 prefix for the new table")
                : o.get("table-location").orElseGet(SampleData::freshDirectory);
        try (InteractiveSession session = Backends.builder(o).start()) {
            System.out.println("Session " + session.id().orElse("?") + " on " + session.backend() + " is ready.");
            run(session, data, location, o.get("database").orElse(null), System.out);
        }
    }

    static Summary run(InteractiveSession s, String csvPath, String tableLocation, String database, PrintStream out) {
        s.sql("CREATE OR REPLACE TEMPORARY VIEW county_populations USING csv OPTIONS (path "
                + SampleData.literal(csvPath) + ", header 'true')");

        SqlResult lexicographic =
                s.sql("SELECT * FROM county_populations " + "ORDER BY `population estimate 2018` DESC LIMIT 10");
        TablePrinter.print(
                "Largest counties? The population column is a string, so it sorts lexicographically:",
                lexicographic,
                out);

        s.sql("CREATE OR REPLACE TEMPORARY VIEW populations_mapped AS SELECT id, CAST(id2 AS INT) AS simple_id, "
                + "county, state, CAST(`population estimate 2018` AS BIGINT) AS population_est_2018 "
                + "FROM county_populations WHERE id <> 'Id'");
        TablePrinter.print(
                "Schema after the mapping (like apply_mapping: id2 -> simple_id int, population -> long):",
                s.sql("DESCRIBE populations_mapped"),
                out);

        SqlResult numeric = s.sql("SELECT * FROM populations_mapped ORDER BY population_est_2018 DESC", 10);
        TablePrinter.print("Largest counties, sorted numerically (limit 10 set by the caller):", numeric, out);

        String table = (database == null ? "" : database + ".") + "populations";
        if (database != null) {
            s.sql("CREATE DATABASE IF NOT EXISTS " + database);
        }
        s.sql("DROP TABLE IF EXISTS " + table);
        s.sql("CREATE TABLE " + table + " USING parquet"
                + (tableLocation == null ? "" : " LOCATION " + SampleData.literal(tableLocation))
                + " AS SELECT * FROM populations_mapped");
        SqlResult byState = s.sql("SELECT state, COUNT(*) AS counties, SUM(population_est_2018) AS population "
                + "FROM " + table + " GROUP BY state ORDER BY population DESC");
        TablePrinter.print("Read back from the new table " + table + ":", byState, out);

        long rows = s.sql("SELECT COUNT(*) AS n FROM " + table).row(0).getLong("n");
        return new Summary(
                lexicographic.row(0).getString("population estimate 2018"),
                numeric.row(0).getString("county"),
                numeric.row(0).getLong("population_est_2018"),
                rows);
    }
}
