package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.plugin.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptimizerCommandTest {
  @TempDir
  Path dir;

  @Test
  void benches_an_optimizer_from_a_plugin_jar_on_a_tiny_budget_and_writes_the_report_and_the_sweeps() throws Exception {
    Path jar = TestJars.optimizerJar(dir.resolve("good.jar"), "good", TestJars.optimizer("good", "test_good", ""),
        "2.3.4", "1");
    String store = dir.resolve("store").toString();
    Path out = dir.resolve("out");
    CliRunner r = CliRunner.run("bench-optimizer", jar.toString(), "--against", "sgd", "--budget", "2", "--seeds", "2",
        "--lr-range", "0.01,0.1", "--problems", "moons-mlp", "--store", store, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("bench-optimizer: test_good (from " + jar + ") against sgd on 1 problem: 2 rates x 2"
        + " optimizers + 2 seeds each = 8 runs"), r.out());
    assertTrue(r.out().contains("moons-mlp: tuning the learning rate, 4 runs"), r.out());
    assertTrue(r.out().matches("(?s).*\\[1/8, ETA [^]]+\\] moons-mlp tune (test_good|sgd) lr=0\\.(01|1) seed 0: "
        + "finished in .*"), "a progress line per run with problem, optimizer, rate and ETA: " + r.out());
    assertTrue(r.out().contains("[8/8, ETA 0 s] moons-mlp seeds "), r.out());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.startsWith("# bench-optimizer: test_good against sgd"), md);
    assertTrue(md.contains("| test_good | 0.1 | ") || md.contains("| test_good | 0.01 | "), md);
    assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
    CliRunner sweeps = CliRunner.run("sweeps", "list", "--store", store);
    assertTrue(sweeps.out().contains("bench-test_good-moons-mlp-tune")
        && sweeps.out().contains("bench-test_good-moons-mlp-seeds"), sweeps.out());
  }

  @Test
  void an_unknown_optimizer_name_is_refused_naming_it_and_the_loaded_ones() {
    CliRunner r = CliRunner.run("bench-optimizer", "adamw", "--store", dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown optimizer 'adamw'; available: adadelta, adagrad, adam, rmsprop, sgd"), r.err());
  }

  @Test
  void a_missing_jar_is_refused_naming_the_path() {
    String jar = dir.resolve("nope/lion.jar").toString();
    CliRunner r = CliRunner.run("bench-optimizer", jar, "--store", dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no such jar file '" + jar + "'"), r.err());
  }

  @Test
  void a_zero_budget_and_an_unknown_against_are_refused_together() {
    CliRunner r = CliRunner.run("bench-optimizer", "adam", "--budget", "0", "--against", "sgd,nadam", "--store",
        dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--budget: was 0, must be 1 to 50"), r.err());
    assertTrue(r.err().contains("--against[1]: unknown optimizer 'nadam'"), r.err());
  }

  @Test
  void without_fashion_mnist_it_names_the_package_and_the_problems_that_can_run() {
    CliRunner r = CliRunner.run("bench-optimizer", "adam", "--fashion-mnist", dir.resolve("none").toString(),
        "--store", dir.resolve("s").toString(), "--out", dir.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
    assertTrue(r.err().contains("--problems quadratic,moons-mlp"), r.err());
  }
}
