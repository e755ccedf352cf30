package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.plugin.TestJars;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import dev.descent.spi.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `descent worker` as a real process, with another build of a plugin the sweep uses, or without it: it
 * trains none of the cells, says once per cell why, exits 0, and the cells stay queued for a worker
 * with the recorded build, which runs them all.
 */
class WorkerChecksTest {
  private static final String GRID = """
      name: checked-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: test_lion, batch_size: 16, epochs: 1, seed: 1}
      grid:
        learning_rate: [0.01, 0.1, 0.2]
      """;

  @TempDir
  Path dir;

  private Path lionJarIn(String sub, int build) throws Exception {
    Path d = Files.createDirectories(dir.resolve(sub));
    TestJars.optimizerJar(d.resolve("lion.jar"), "lion" + sub,
        TestJars.optimizer("lion" + sub, "test_lion", "static final int BUILD = " + build + ";"), "1.0", "1");
    return d;
  }

  private Process worker(String host, Path log, Path store, Path plugins) throws Exception {
    return CliProcess.descent("worker", "--store", store.toString(), "--workers", "1", "--plugins", plugins.toString())
        .in(dir.resolve(host)).host(host).env("DESCENT_PLUGINS", null).log(log).start();
  }

  private static List<Run> runs(Path store) {
    try (RunStore s = RunStores.open(store.toString(), Clock.systemUTC())) {
      return s.list(0, 100);
    }
  }

  @Test
  void workers_with_another_plugin_build_or_none_skip_every_cell_once_and_leave_them_queued() throws Exception {
    Path recordedDir = lionJarIn("recorded", 1);
    Path otherDir = lionJarIn("other", 2);
    PluginRegistry recorded = PluginJars.load(recordedDir, WorkerChecksTest.class.getClassLoader()).registry();
    String recordedSha = recorded.entry(PluginKind.OPTIMIZER, "test_lion").sha256();
    Path store = dir.resolve("store");
    Sweep sweep = new SweepParser(recorded).parse(GRID, "grid.yaml", dir);
    try (RunStore s = RunStores.open(store.toString(), Clock.systemUTC())) {
      new SweepRunner(new Trainer(recorded), s, null, recorded, Clock.systemUTC()).limitCells(0)
          .run(sweep, null, 1, SweepListener.NONE); // entered with the recorded build, nothing trained
    }

    Path otherLog = dir.resolve("other.log");
    Process other = worker("host-b", otherLog, store, otherDir);
    assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the worker did not end");
    String out = Files.readString(otherLog);
    assertEquals(0, other.exitValue(), out);
    List<String> skips = out.lines().filter(l -> l.startsWith("skip ")).toList();
    assertEquals(3, skips.size(), out);
    for (String line : skips) {
      assertTrue(line.contains("optimizer 'test_lion' here is sha256 ") && line.contains("but the sweep recorded "
          + recordedSha.substring(0, 12)) && line.contains("let another worker take it"), line);
    }
    assertTrue(out.contains("ran 0 cells"), out);
    runs(store).forEach(r -> assertEquals(RunStatus.QUEUED, r.status(), r.id() + " was touched"));

    Path noneLog = dir.resolve("none.log");
    Process none = worker("host-d", noneLog, store, Files.createDirectories(dir.resolve("no-plugins")));
    assertTrue(none.waitFor(120, TimeUnit.SECONDS), "the worker did not end");
    String noneOut = Files.readString(noneLog);
    assertEquals(0, none.exitValue(), noneOut);
    List<String> missing = noneOut.lines().filter(l -> l.startsWith("skip ")).toList();
    assertEquals(3, missing.size(), noneOut);
    missing.forEach(l -> assertTrue(l.contains("optimizer 'test_lion' is not installed here but the sweep recorded"
        + " sha256 " + recordedSha.substring(0, 12)) && l.contains(recordedDir.resolve("lion.jar").toString()), l));
    runs(store).forEach(r -> assertEquals(RunStatus.QUEUED, r.status(), r.id() + " was touched"));

    Path recordedLog = dir.resolve("recorded.log");
    Process same = worker("host-c", recordedLog, store, recordedDir);
    assertTrue(same.waitFor(120, TimeUnit.SECONDS), "the worker did not end");
    String sameOut = Files.readString(recordedLog);
    assertEquals(0, same.exitValue(), sameOut);
    assertTrue(sameOut.lines().noneMatch(l -> l.startsWith("skip ")), sameOut);
    List<Run> after = runs(store);
    assertEquals(3, after.size());
    after.forEach(r -> assertEquals(RunStatus.FINISHED, r.status(), r.id()));
  }
}
