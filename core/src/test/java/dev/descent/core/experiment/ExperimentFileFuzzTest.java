package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.TestExperiments;
import dev.descent.core.fuzz.Fuzzer;
import dev.descent.core.nn.ModelMemory;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fuzzes the whole reading of an experiment or sweep file, bytes to validated cells: every input must end
 * as cells or as an input error (exit code 2) whose message shows no Java internals, never as another
 * exception, a stack overflow, an out-of-memory or a hang. Corpus: {@code src/test/resources/fuzz/yaml/}
 * (valid experiments and sweeps, and each kind of hostile file this boundary refuses). Time box and
 * reproduction: see {@link Fuzzer}.
 */
class ExperimentFileFuzzTest {
  /** What an error message must never show: an array's identity, an exception's class name, a Java type. */
  private static final Pattern INTERNALS = Pattern.compile("\\[B@|\\[L[a-z.]+;@|Exception\\b|\\bjava\\.[a-z]+\\.");
  private final SweepParser parser = new SweepParser(TestExperiments.PLUGINS);

  @Test
  void every_file_ends_as_validated_cells_or_an_input_error() {
    Fuzzer.Report report = Fuzzer.target("yaml")
        .dictionary("grid:", "seeds:", "objective:", "model.layers[0].units", "learning_rate", "dropout",
            "&a ", "*a", "<<: *a", "!!binary ", "!!set ", "!!int ", "!!str ", "!x ", "? ", "~", ".nan", ".inf",
            "-.inf", "1e400", "0x1F", "2024-01-01", "---\n", "...\n", "[", "]", "{", "}", ": ", ", ", "\n  - ",
            "'", "\"", "\\u0000", "\t", "#", "|\n  ", "yes", "NaN", "units: 1000000", "path: ", "test_path: ")
        .dictionary(new byte[] {(byte) 0xE9}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {0},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xF0, (byte) 0x9F})
        .allow(DescentException.class, e -> e.code() == ErrorCode.INVALID_INPUT)
        .maxSize(64 * 1024)
        .run(this::read);
    assertTrue(report.executions() > 0, report.toString());
  }

  private void read(byte[] input) {
    Sweep sweep;
    try {
      Map<String, Object> doc = YamlInput.parse(input, "fuzz.yaml");
      sweep = parser.parseDocument(doc, "fuzz.yaml", Path.of("."));
    } catch (DescentException e) {
      if (INTERNALS.matcher(e.getMessage()).find()) {
        throw new IllegalStateException("an error message shows Java internals: " + e.getMessage(), e);
      }
      throw e;
    }
    for (Cell cell : sweep.cells()) {
      Experiment e = cell.experiment();
      ResolvedConfig.of(e);
      FlatParams.of(e);
      ModelMemory.of(e.model(), 784, e.training().batchSize(), DataType.FLOAT, false).problem(1e12, 1e12);
    }
  }
}
