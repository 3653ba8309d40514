package dev.glivy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glivy.Language;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotebookFileTest {
    static final String GLUE_PYSPARK = """
            {
             "cells": [
              {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\\n", "text"]},
              {"cell_type": "code", "id": "c1", "metadata": {"tags": ["parameters"], "collapsed": false},
               "execution_count": 3, "outputs": [
                 {"output_type": "stream", "name": "stdout", "text": ["a\\n", "b"]},
                 {"output_type": "execute_result", "execution_count": 3, "metadata": {},
                  "data": {"text/plain": ["1"], "application/json": {"k": [1, 2]}}},
                 {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t1"]}],
               "source": "year = 2019"},
              {"cell_type": "raw", "id": "r1", "metadata": {}, "source": []}
             ],
             "metadata": {"kernelspec": {"name": "glue_pyspark", "display_name": "Glue PySpark",
                                         "language": "python"}},
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """;

    @Test
    @DisplayName("reads cells, tags, ids, outputs and the kernel's language")
    void reads() {
        NotebookFile nb = NotebookFile.parse(GLUE_PYSPARK, "pop.ipynb");
        assertThat(nb.nbformatMinor()).isEqualTo(5);
        assertThat(nb.kernelName()).contains("glue_pyspark");
        assertThat(nb.language()).contains(Language.PYTHON);
        assertThat(nb.cells())
                .extracting(NotebookCell::type)
                .containsExactly(CellType.MARKDOWN, CellType.CODE, CellType.RAW);
        NotebookCell code = nb.cells().get(1);
        assertThat(code.source()).isEqualTo("year = 2019");
        assertThat(code.tags()).containsExactly("parameters");
        assertThat(code.id()).contains("c1");
        assertThat(code.executionCount()).contains(3);
        assertThat(code.outputs())
                .extracting(CellOutput::kind)
                .containsExactly(CellOutput.Kind.STREAM, CellOutput.Kind.EXECUTE_RESULT, CellOutput.Kind.ERROR);
        assertThat(code.outputs().get(0).text()).isEqualTo("a\nb");
        assertThat(code.outputs().get(1).data()).containsEntry("application/json", "{\"k\":[1,2]}");
        assertThat(nb.cells().get(0).source()).isEqualTo("# Title\ntext");
    }

    @Test
    @DisplayName("writing and reading again gives the same notebook, in Jupyter's layout")
    void roundTrip() {
        NotebookFile nb = NotebookFile.parse(GLUE_PYSPARK, "pop.ipynb");
        String json = nb.toJson();
        assertThat(json)
                .startsWith("{\n \"cells\": [\n  {\n")
                .endsWith("}\n")
                .contains("\"source\": [\n    \"# Title\\n\",");
        NotebookFile again = NotebookFile.parse(json, "again");
        assertThat(again.toJson()).isEqualTo(json);
        assertThat(again.cells()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            NotebookCell a = nb.cells().get(i);
            NotebookCell b = again.cells().get(i);
            assertThat(b.source()).isEqualTo(a.source());
            assertThat(b.outputs()).isEqualTo(a.outputs());
            assertThat(b.tags()).isEqualTo(a.tags());
        }
        assertThat(json).contains("\"collapsed\": false");
    }

    @Test
    @DisplayName("kernel names map to languages like the Glue kernels and sparkmagic name them")
    void kernels() {
        assertThat(NotebookFile.languageOfKernel("glue_spark")).contains(Language.SCALA);
        assertThat(NotebookFile.languageOfKernel("sparkkernel")).contains(Language.SCALA);
        assertThat(NotebookFile.languageOfKernel("pysparkkernel")).contains(Language.PYTHON);
        assertThat(NotebookFile.languageOfKernel("python3")).contains(Language.PYTHON);
        assertThat(NotebookFile.languageOfKernel("sparkrkernel")).contains(Language.R);
        assertThat(NotebookFile.languageOfKernel("julia-1.9")).isEmpty();
        String byInfo = "{\"cells\":[],\"metadata\":{\"language_info\":{\"name\":\"scala\"}},\"nbformat\":4,"
                + "\"nbformat_minor\":4}";
        assertThat(NotebookFile.parse(byInfo, "x").language()).contains(Language.SCALA);
    }

    @Test
    @DisplayName("bad notebooks fail with the file, the cell and what was expected")
    void badNotebooks() {
        String truncated = GLUE_PYSPARK.substring(0, GLUE_PYSPARK.length() / 2);
        assertThatThrownBy(() -> NotebookFile.parse(truncated, "t.ipynb"))
                .isInstanceOf(NotebookFormatException.class)
                .hasMessageStartingWith("Cannot read notebook t.ipynb: not valid JSON");
        String v3 = "{\"nbformat\":3,\"nbformat_minor\":0,\"worksheets\":[]}";
        assertThatThrownBy(() -> NotebookFile.parse(v3, "old.ipynb"))
                .hasMessageContaining("nbformat 3 is not " + "supported")
                .hasMessageContaining("nbconvert");
        String wrongSource = GLUE_PYSPARK.replace("\"source\": \"year = 2019\"", "\"source\": 42");
        assertThatThrownBy(() -> NotebookFile.parse(wrongSource, "w.ipynb"))
                .isInstanceOfSatisfying(NotebookFormatException.class, e -> {
                    assertThat(e.cellIndex()).hasValue(1);
                    assertThat(e.source()).isEqualTo("w.ipynb");
                })
                .hasMessage("Cannot read notebook w.ipynb, cell 1: expected source to be a string or a list of "
                        + "strings but found the number 42");
        String listOfNumbers = GLUE_PYSPARK.replace("[\"# Title\\n\", \"text\"]", "[\"a\", 7]");
        assertThatThrownBy(() -> NotebookFile.parse(listOfNumbers, "l.ipynb"))
                .hasMessageContaining("cell 0")
                .hasMessageContaining("the list holds the number 7");
        String badType = GLUE_PYSPARK.replace("\"raw\"", "\"heading\"");
        assertThatThrownBy(() -> NotebookFile.parse(badType, "h.ipynb"))
                .hasMessageContaining(
                        "cell 2: expected " + "cell_type code, markdown or raw but found the string \"heading\"");
        for (String bad : List.of(
                "[]",
                "null",
                "{\"nbformat\":4,\"nbformat_minor\":4}",
                "{\"nbformat\":\"4\",\"nbformat_minor\":4,\"cells\":[]}",
                "{\"nbformat\":4,\"cells\":[]}",
                "{\"nbformat\":4,\"nbformat_minor\":4,\"cells\":[7]}")) {
            assertThatThrownBy(() -> NotebookFile.parse(bad, "b.ipynb"))
                    .as(bad)
                    .isInstanceOf(NotebookFormatException.class)
                    .hasMessageStartingWith("Cannot read notebook b.ipynb");
        }
    }
}
