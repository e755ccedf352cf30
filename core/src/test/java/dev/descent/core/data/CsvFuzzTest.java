package dev.descent.core.data;

import dev.descent.core.fuzz.Fuzzer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CSV file, however mangled, loads and prepares (split, scaled) as a classification and as a regression
 * dataset, or ends as a {@link DataException}: never another exception.
 */
class CsvFuzzTest {
  @TempDir Path dir;

  @Test
  void every_csv_file_loads_or_ends_in_a_clear_error() {
    Path file = dir.resolve("fuzz.csv");
    DatasetSpec base = DatasetSpec.defaults("csv").withPaths(file, null).withSplits(0.2, 0.2).withSeed(7);
    DatasetSpec classification = base.withColumns("y", null, "classification").withScale("standard");
    DatasetSpec regression = base.withColumns("y", null, "regression").withScale("unit");
    Fuzzer.target("csv")
        .dictionary(",", "\n", "\r\n", "\"", "\"\"", "y", "NaN", "Infinity", "-Infinity", "1e39", "3.4e38", "-0",
            "0x1p3", "1_000", "\uFEFF", "\u00e9", " ", ",,", "\n\n")
        .allow(DataException.class)
        .run(input -> {
          Files.write(file, input);
          Preparation.prepare(classification, CsvDatasets.load(classification));
          Preparation.prepare(regression, CsvDatasets.load(regression));
        });
  }
}
