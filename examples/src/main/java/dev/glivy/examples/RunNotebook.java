package dev.glivy.examples;

import dev.glivy.SessionBuilder;
import dev.glivy.notebook.CellOutput;
import dev.glivy.notebook.CellType;
import dev.glivy.notebook.NotebookCell;
import dev.glivy.notebook.NotebookFile;
import dev.glivy.notebook.NotebookRun;
import dev.glivy.notebook.NotebookRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a Jupyter notebook headless, like papermill: by default the seed's county populations walk-through
 * ({@code notebooks/populations.ipynb}: magics, a Scala cell that loads the CSV, {@code %%sql} cells), with its
 * {@code data} and {@code tableLocation} parameters injected, and writes the executed notebook (outputs, tables as
 * HTML, timings) to {@code --out} (default {@code populations.out.ipynb} in the working directory). Open it in Jupyter.
 *
 * <p>Prerequisites: none for the default local Spark; {@code --transport livy} (or {@code LIVY_URL} set) runs it on a
 * Livy that can read this machine's temporary files. {@code --notebook PATH} runs another notebook (its parameters
 * cell, if it has one, then gets the same two values).
 *
 * <p>Run: {@code mvn -B -q -pl examples -am verify -DskipTests -Pnotebook}
 */
public final class RunNotebook {
    private RunNotebook() {}

    /** Runs the example; see the class comment for the flags. */
    public static void main(String[] args) throws IOException {
        ExampleOptions o = ExampleOptions.parse(args, System.getenv());
        NotebookFile nb = o.get("notebook").isPresent()
                ? NotebookFile.read(Path.of(o.get("notebook").get()))
                : bundled("populations.ipynb");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("data", o.get("data").orElseGet(() -> SampleData.extract("county_populations.csv")
                .resolve("county_populations.csv")
                .toString()));
        params.put("tableLocation", o.get("table-location").orElseGet(SampleData::freshDirectory));
        NotebookRun run = run(nb, params, Backends.builder(o), System.out);
        Path out = Path.of(o.get("out").orElse("populations.out.ipynb"));
        run.notebook().write(out);
        System.out.println("Wrote the executed notebook to " + out.toAbsolutePath());
        run.throwIfFailed();
    }

    /** The notebook shipped in this module's resources. */
    static NotebookFile bundled(String name) {
        try (InputStream in = Objects.requireNonNull(
                RunNotebook.class.getResourceAsStream("/notebooks/" + name), "missing resource notebooks/" + name)) {
            return NotebookFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebooks/" + name + ": " + e.getMessage(), e);
        }
    }

    static NotebookRun run(NotebookFile nb, Map<String, Object> params, SessionBuilder sessions, PrintStream out) {
        NotebookRun run = NotebookRunner.builder().parameters(params).build().run(nb, sessions);
        for (int i = 0; i < run.notebook().cells().size(); i++) {
            NotebookCell c = run.notebook().cells().get(i);
            if (c.type() != CellType.CODE) {
                continue;
            }
            String first = c.source().lines().findFirst().orElse("");
            String status = c.executionCount().isEmpty()
                    ? "not run"
                    : c.outputs().stream().anyMatch(x -> x.kind() == CellOutput.Kind.ERROR) ? "FAILED" : "ok";
            out.printf("[%2d] %-7s %s%n", i, status, first.length() > 70 ? first.substring(0, 67) + "..." : first);
        }
        out.println(
                run.succeeded()
                        ? "All cells ran; sessions used: " + run.sessionIds()
                        : "Cell " + run.failedCell().getAsInt() + " failed: "
                                + run.failure().orElseThrow().getMessage());
        return run;
    }
}
