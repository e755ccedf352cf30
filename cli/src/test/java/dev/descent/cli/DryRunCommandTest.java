package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunCommandTest {
  @TempDir
  Path dir;

  private static int occurrences(String text, String line) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line) + "$").matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void dry_run_of_the_quick_start_grid_prints_its_count_line_once() {
    CliRunner r = CliRunner.run("run", "../experiments/quickstart-grid.yaml", "--dry-run", "--store",
        dir.resolve("store").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, occurrences(r.out(), "48 cells: 4 optimizer x 3 learning_rate x 2 batch_size x 2 seeds"), r.out());
    assertTrue(r.out().contains("ETA unknown"), r.out());
  }

  @Test
  void dry_run_shows_the_params_a_switched_optimizer_drops() throws Exception {
    Path file = dir.resolve("switch.yaml");
    Files.writeString(file, """
        name: switch
        dataset: {name: xor, samples: 100, test_samples: 20}
        model:
          layers:
            - {type: dense, units: 4, activation: relu}
            - {type: dense, units: 2, activation: softmax}
          loss: softmax_cross_entropy
        training:
          optimizer: {name: adam, learning_rate: 0.01, amsgrad: true}
          batch_size: 16
          epochs: 1
          seed: 1
        grid:
          optimizer: [sgd, adam]
        """);
    CliRunner r = CliRunner.run("run", file.toString(), "--dry-run", "--store", dir.resolve("store").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, occurrences(r.out(), "2 cells: 2 optimizer"), r.out());
    assertEquals(1, occurrences(r.out(), "note (1 cell): training.optimizer.amsgrad: true dropped: the grid switched"
        + " the optimizer to sgd, which has no param 'amsgrad'"), r.out());
  }
}
