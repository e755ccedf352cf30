package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.plugin.TestJars;
import dev.descent.core.provenance.BuildCheck;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cell is trained only with the plugin builds and dataset content its sweep was entered with. */
class CellChecksTest {
  @TempDir
  Path dir;

  static final String GRID = """
      name: checked
      dataset: %s
      model:
        layers: [{type: dense, units: 4, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: test_lion, batch_size: 16, epochs: 1, seed: 1}
      grid:
        learning_rate: [0.01, 0.1]
      """;

  /** Records refusals and warnings, and which cells started. */
  static final class Told implements SweepListener {
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> started = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onCellRefused(Cell cell, String why) {
      refused.add(cell.id() + ": " + why);
    }

    @Override
    public void onCellWarning(Cell cell, String warning) {
      warnings.add(warning);
    }

    @Override
    public void onCellStart(Cell cell) {
      started.add(cell.id());
    }
  }

  /** A registry with the optimizer test_lion from its own jar in {@code sub}; {@code build} changes its bytes. */
  private PluginRegistry lion(String sub, int build) throws IOException {
    Path d = Files.createDirectories(dir.resolve(sub));
    TestJars.optimizerJar(d.resolve("lion.jar"), "lion" + sub,
        TestJars.optimizer("lion" + sub, "test_lion", "static final int BUILD = " + build + ";"), "1.0", "1");
    return PluginJars.load(d, CellChecksTest.class.getClassLoader()).registry();
  }

  private static Map<RunStatus, Integer> statuses(RunStore store, Sweep s) {
    Map<RunStatus, Integer> m = new HashMap<>();
    s.cells().forEach(c -> m.merge(store.get(c.id()).orElseThrow().status(), 1, Integer::sum));
    return m;
  }

  private static SweepRunner runner(RunStore store, PluginRegistry plugins) {
    return new SweepRunner(new Trainer(plugins), store, null, plugins, Clock.systemUTC());
  }

  @Test
  void a_worker_with_another_build_of_a_plugin_trains_nothing_and_leaves_the_cells_to_one_that_has_it()
      throws IOException {
    PluginRegistry recorded = lion("a", 1);
    PluginRegistry other = lion("b", 2);
    assertNotEquals(recorded.entry(dev.descent.spi.PluginKind.OPTIMIZER, "test_lion").sha256(),
        other.entry(dev.descent.spi.PluginKind.OPTIMIZER, "test_lion").sha256());
    Sweep s = new SweepParser(recorded).parse(GRID.formatted("{name: moons, samples: 100, test_samples: 20}"),
        "grid.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      runner(store, recorded).limitCells(0).run(s, null, 1, SweepListener.NONE); // enters the sweep only

      Told told = new Told();
      assertEquals(0, runner(store, other).run(s, null, 1, told));
      assertEquals(List.of(), told.started);
      assertEquals(Map.of(RunStatus.QUEUED, 2), statuses(store, s), "nothing recorded, nothing claimed");
      assertEquals(2, told.refused.size(), told.refused::toString);
      String first = told.refused.get(0);
      assertTrue(first.contains("optimizer 'test_lion' here is sha256 "
          + other.entry(dev.descent.spi.PluginKind.OPTIMIZER, "test_lion").sha256().substring(0, 12)), first);
      assertTrue(first.contains("the sweep recorded "
          + recorded.entry(dev.descent.spi.PluginKind.OPTIMIZER, "test_lion").sha256().substring(0, 12)), first);
      assertTrue(first.contains(dir.resolve("a").resolve("lion.jar").toString()), first);

      Told again = new Told();
      assertEquals(0, runner(store, other).run(s, null, 1, again));
      assertEquals(List.of(), again.refused, "told once per process, then skipped");

      assertEquals(2, runner(store, recorded).run(s, null, 1, SweepListener.NONE));
      assertEquals(Map.of(RunStatus.FINISHED, 2), statuses(store, s));
    }
  }

  @Test
  void a_dataset_file_with_other_content_is_refused_naming_the_file() throws IOException {
    PluginRegistry plugins = lion("a", 1);
    Path csv = dir.resolve("points.csv");
    StringBuilder rows = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < 60; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    Files.writeString(csv, rows);
    Sweep s = new SweepParser(plugins).parse(GRID.formatted("{name: csv, path: " + csv + ", label_column: label}"),
        "grid.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      runner(store, plugins).limitCells(0).run(s, null, 1, SweepListener.NONE);
      Files.writeString(csv, rows + "1,1,1\n");

      Told told = new Told();
      assertEquals(0, runner(store, plugins).run(s, null, 1, told));
      assertEquals(Map.of(RunStatus.QUEUED, 2), statuses(store, s));
      assertEquals(2, told.refused.size(), told.refused::toString);
      assertTrue(told.refused.get(0).contains("dataset file " + csv.toAbsolutePath().normalize() + " here is sha256"),
          told.refused.get(0));
    }
  }

  @Test
  void another_descent_version_only_warns() throws IOException {
    PluginRegistry plugins = lion("a", 1);
    Sweep s = new SweepParser(plugins).parse(GRID.formatted("{name: moons, samples: 100, test_samples: 20}"),
        "grid.yaml", dir);
    Map<String, Object> recorded = new HashMap<>(dev.descent.core.provenance.Provenance.of(
        s.cells().get(0).experiment(), plugins, dev.descent.core.env.Backend.current(), null));
    assertNull(BuildCheck.of(recorded, s.cells().get(0).experiment(), plugins).warning());
    recorded.put("descent_version", "0.0.1-elsewhere");
    BuildCheck check = BuildCheck.of(recorded, s.cells().get(0).experiment(), plugins);
    assertEquals(List.of(), check.refusals());
    assertTrue(check.warning().contains("entered by descent 0.0.1-elsewhere; training goes on"), check.warning());
  }
}
