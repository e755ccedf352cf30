package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpeSweepTest {
  private static final String SEARCH = """
      name: tpe-search
      dataset: {name: moons, samples: 120, test_samples: 40, validation_split: 0.25}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 2, seed: 1}
      search:
        method: tpe
        trials: 13
        seed: 4
        space:
          optimizer: [sgd, adam]
          learning_rate: {log_uniform: [1.0e-4, 0.5]}
          training.optimizer.momentum: {uniform: [0.0, 0.9], when: {optimizer: sgd}}
      objective: {metric: val_loss, mode: min}
      """;

  @TempDir
  Path dir;

  private List<String> ids(RunStore store, Sweep sweep) {
    return store.cellIds(sweep.id());
  }

  private SweepRunner runner(RunStore store) {
    return new SweepRunner(new Trainer(TestExperiments.PLUGINS), store, null, TestExperiments.PLUGINS, Clock.systemUTC());
  }

  @Test
  void asha_in_a_tpe_search_compares_a_proposal_with_every_trial_before_it() {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(SEARCH.replace("epochs: 2", "epochs: 3")
        + "pruner: {method: asha, min_epochs: 1, reduction_factor: 3}\n", "search.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve("asha").toString(), Clock.systemUTC())) {
      runner(store).run(sweep, null, 1, SweepListener.NONE);
      List<Run> runs = store.summaries(ids(store, sweep));
      assertEquals(13, runs.size());
      int checked = 0;
      for (int i = 10; i < 13; i++) {
        String why = runs.get(i).error();
        if (runs.get(i).status() == dev.descent.core.train.RunStatus.PRUNED && why.startsWith("pruned at epoch 1:")) {
          int n = Integer.parseInt(why.replaceAll(".*\\(top 1/3 of (\\d+)\\)$", "$1"));
          assertEquals(i + 1, n, "every earlier trial reached epoch 1, proposals too: " + why);
          checked++;
        }
      }
      assertTrue(checked > 0, "a proposal pruned at epoch 1 names how many it was compared with: " + runs.stream().map(Run::error).toList());
    }
  }

  @Test
  void a_tpe_search_cut_short_and_rerun_ends_with_the_same_trials_as_one_run_through() {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(SEARCH, "search.yaml", dir);
    assertEquals(TpeSampler.STARTUP_TRIALS, sweep.cells().size(), "the random startup trials are known up front");
    List<String> straight;
    try (RunStore store = RunStores.open(dir.resolve("a").toString(), Clock.systemUTC())) {
      assertEquals(13, runner(store).run(sweep, null, 1, SweepListener.NONE));
      straight = ids(store, sweep);
      assertEquals(13, new HashSet<>(straight).size());
      SweepSummary summary = SweepSummary.of(sweep, store);
      assertEquals(13, summary.rows().size(), "the summary lists the proposals too");
      for (double lr : summary.learningRates()) {
        assertEquals(lr, Math.pow(10, Math.round(Math.log10(lr))), 1e-12, "a search's rates are binned by decade");
      }
      java.io.StringWriter text = new java.io.StringWriter();
      dev.descent.core.sweep.SweepReport.print(new java.io.PrintWriter(text, true), summary);
      assertTrue(text.toString().contains("val_loss by optimizer x learning rate by decade"), text.toString());
    }
    Sweep again = new SweepParser(TestExperiments.PLUGINS).parse(SEARCH, "search.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve("b").toString(), Clock.systemUTC())) {
      assertEquals(11, runner(store).limitCells(11).run(again, null, 1, SweepListener.NONE));
      Sweep rerun = new SweepParser(TestExperiments.PLUGINS).parse(SEARCH, "search.yaml", dir);
      assertEquals(2, runner(store).run(rerun, null, 1, SweepListener.NONE), "the rerun continues from the store");
      assertEquals(straight, ids(store, rerun), "with one worker the same seed proposes the same trials");
      assertEquals(0, runner(store).run(rerun, null, 1, SweepListener.NONE));
      for (Run r : store.summaries(ids(store, rerun))) {
        assertTrue(r.status().outcome(), r.id() + " " + r.status());
      }
      for (Cell c : SweepSummary.of(rerun, store).rows().stream().map(SweepSummary.Row::cell).toList()) {
        assertEquals("sgd".equals(c.axisValues().get("optimizer")), c.axisValues().containsKey("training.optimizer.momentum"));
      }
    }
  }
}
