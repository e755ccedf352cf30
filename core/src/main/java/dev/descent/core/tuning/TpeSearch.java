package dev.descent.core.tuning;

import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.sweep.CanonicalJson;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.StoredSweeps;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepPlan;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.TrainingListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A TPE search while it runs: the sweep starts with the random startup trials, and each time a worker finds
 * nothing left to take, {@link #more} proposes the next trial from every trial in the store so far. After a
 * crash the proposals are made again from the store's trials in order: with one worker each was proposed
 * from the same finished history, so it comes out the same, is found in the store and is not run again,
 * and the search continues where it stopped. Cells of the sweep in the store that the proposals do not
 * give back (a trial proposed under the constant liar by a parallel worker) and that have no outcome are
 * run too, and count as trials, so the search never ends with more than {@code trials} configurations.
 */
final class TpeSearch implements SweepPlan {
  private final SearchSpec spec;
  private final Budget budget;
  private final PrunerSpec pruner;
  private final SweepPlan pruning;
  private final Function<Map<String, Object>, List<Cell>> build;
  private final ExperimentParser parser;
  private final Clock clock;
  private final TpeSampler sampler;
  /** Each trial's params (null for one only found in the store) and cells, in proposal order. */
  private final List<Map<String, Object>> params = new ArrayList<>();
  private final List<List<Cell>> cells = new ArrayList<>();
  private boolean resumed;
  private Instant started;

  TpeSearch(SearchSpec spec, Budget budget, PrunerSpec pruner, Function<Map<String, Object>, List<Cell>> build,
      ExperimentParser parser, Clock clock) {
    this.spec = spec;
    this.budget = budget;
    this.pruner = pruner;
    this.pruning = Pruning.plan(pruner);
    this.build = build;
    this.parser = parser;
    this.clock = clock;
    this.sampler = new TpeSampler(spec.space(), spec.seed());
  }

  /** The hash of the file's content without its description: the same file gives the same sweep id anywhere. */
  static String identity(Map<String, Object> doc) {
    Map<String, Object> content = new LinkedHashMap<>(doc);
    content.remove("description");
    return CanonicalJson.hash(content);
  }

  @Override
  public TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store) {
    return pruning.listenerFor(sweep, cell, store); // compares with every cell of the sweep in the store
  }

  @Override
  public String pruner() {
    return pruning.pruner();
  }

  @Override
  public String describe(Sweep sweep) {
    return SearchPlan.describe(spec, pruner, sweep);
  }

  @Override
  public int cells(Sweep sweep) {
    return spec.trials() * Math.max(1, sweep.seeds().size());
  }

  @Override
  public synchronized List<Cell> more(Sweep sweep, RunStore store) {
    if (started == null) {
      started = clock.instant();
    }
    if (!resumed) {
      resumed = true;
      List<Cell> pending = resume(sweep, store);
      if (!pending.isEmpty()) {
        return pending;
      }
    }
    // trials other processes (descent run, workers) proposed since: they count, so the search stops at trials
    List<Cell> others = new ArrayList<>();
    adopt(sweep, store, others);
    if (!others.isEmpty()) {
      return others;
    }
    while (params.size() < spec.trials() && !budgetSpent(sweep, store)) {
      List<Cell> next = propose(params.size(), sweep, store);
      boolean stored = !store.summaries(List.of(next.get(0).id())).isEmpty();
      if (!stored || next.stream().anyMatch(c -> open(store, c))) {
        return next;
      }
    }
    return List.of();
  }

  /** Forgets the proposal whose cells the store refused; the trial another process entered is adopted next. */
  @Override
  public synchronized void withdraw(List<Cell> proposal) {
    for (int i = cells.size() - 1; i >= 0; i--) {
      if (!proposal.isEmpty() && cells.get(i).get(0).id().equals(proposal.get(0).id())) {
        cells.remove(i);
        params.remove(i);
        return;
      }
    }
  }

  @Override
  public synchronized Sweep known(Sweep sweep) {
    List<Cell> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Cell c : sweep.cells()) {
      if (seen.add(c.id())) {
        all.add(c);
      }
    }
    for (List<Cell> trial : cells) {
      for (Cell c : trial) {
        if (seen.add(c.id())) {
          all.add(new Cell(c.id(), all.size(), c.axisValues(), c.seed(), c.experiment(), c.notes()));
        }
      }
    }
    return new Sweep(sweep.id(), sweep.name(), sweep.objective(), all, sweep.axes(), sweep.seeds(), this);
  }

  /** Proposes trial {@code number} from the trials so far and records it; a configuration already tried is redrawn at random. */
  private List<Cell> propose(int number, Sweep sweep, RunStore store) {
    Map<String, Object> values = sampler.propose(number, history(sweep, store));
    List<Cell> trial = build.apply(values);
    Set<String> tried = new HashSet<>();
    cells.forEach(t -> t.forEach(c -> tried.add(c.id())));
    for (int attempt = 1; trial.isEmpty() || tried.contains(trial.get(0).id()); attempt++) {
      values = RandomSampler.trial(spec.space(), spec.seed(), number, attempt);
      trial = build.apply(values);
      if (attempt > 100) {
        break;
      }
    }
    params.add(values);
    cells.add(trial);
    return trial;
  }

  /**
   * Makes the proposals again while they are found in the store; returns the cells of those trials (and of
   * stored cells no proposal gave back) that have no outcome, beyond the sweep's own startup cells.
   */
  private List<Cell> resume(Sweep sweep, RunStore store) {
    Set<String> own = new HashSet<>();
    sweep.cells().forEach(c -> own.add(c.id()));
    List<String> stored = store.cellIds(sweep.id());
    Set<String> inStore = new HashSet<>(stored);
    List<Cell> pending = new ArrayList<>();
    while (params.size() < spec.trials()) {
      int before = params.size();
      List<Cell> next = propose(before, sweep, store);
      if (!inStore.contains(next.get(0).id())) {
        params.remove(before); // not made before the restart: made again when a worker asks
        cells.remove(before);
        break;
      }
      next.stream().filter(c -> !own.contains(c.id()) && open(store, c)).forEach(pending::add);
    }
    adopt(sweep, store, pending);
    return pending;
  }

  /**
   * Adds the sweep's cells in the store that no proposal here gave back (another process proposed them) as
   * trials of their own, in store order, one per configuration; their cells without an outcome go to
   * {@code pending}.
   */
  private void adopt(Sweep sweep, RunStore store, List<Cell> pending) {
    List<String> stored = store.cellIds(sweep.id());
    Set<String> own = new HashSet<>(); // the runner's queue has these already (a worker's: every stored cell)
    sweep.cells().forEach(c -> own.add(c.id()));
    Set<String> known = new HashSet<>();
    cells.forEach(t -> t.forEach(c -> known.add(c.id())));
    if (stored.stream().anyMatch(id -> !known.contains(id))) {
      Sweep loaded = StoredSweeps.load(store, sweep.id(), parser);
      Map<String, List<Cell>> orphans = new LinkedHashMap<>();
      for (Cell c : loaded.cells()) {
        if (!known.contains(c.id())) {
          orphans.computeIfAbsent(seedless(store, c.id()), k -> new ArrayList<>()).add(c);
        }
      }
      for (List<Cell> trial : orphans.values()) {
        params.add(null);
        cells.add(trial);
        trial.stream().filter(c -> !own.contains(c.id()) && open(store, c)).forEach(pending::add);
      }
    }
  }

  private static String seedless(RunStore store, String id) {
    Map<String, Object> config = new LinkedHashMap<>(store.get(id).orElseThrow().config());
    if (config.get("training") instanceof Map<?, ?> t) {
      Map<Object, Object> training = new LinkedHashMap<>(t);
      training.remove("seed");
      config.put("training", training);
    }
    return CanonicalJson.hash(config);
  }

  private static boolean open(RunStore store, Cell c) {
    return store.summaries(List.of(c.id())).stream().noneMatch(r -> r.status().outcome());
  }

  /** Every trial so far as TPE sees it: its mean objective over seeds, signed so lower is better. */
  private List<TpeSampler.Trial> history(Sweep sweep, RunStore store) {
    boolean max = "max".equals(sweep.objective().mode());
    String metric = Pruning.epochMetric(sweep.objective().metric());
    List<TpeSampler.Trial> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i) == null) {
        continue;
      }
      List<Run> runs = store.summaries(cells.get(i).stream().map(Cell::id).toList());
      TpeSampler.State state = TpeSampler.State.FINISHED;
      double sum = 0;
      int n = 0;
      int epochs = Integer.MAX_VALUE;
      boolean failed = runs.isEmpty();
      for (Run r : runs) {
        double v = switch (r.status()) {
          case FINISHED -> SweepSummary.objective(sweep.objective(), r);
          case DIVERGED -> max ? -1e300 : 1e300;
          case PRUNED -> {
            state = state == TpeSampler.State.RUNNING ? state : TpeSampler.State.PRUNED;
            var s = r.summaries().get(metric);
            epochs = Math.min(epochs, s == null ? 0 : s.lastEpoch());
            yield s == null ? Double.NaN : s.last();
          }
          case FAILED -> {
            failed = true;
            yield Double.NaN;
          }
          default -> {
            state = TpeSampler.State.RUNNING;
            yield Double.NaN;
          }
        };
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      if (failed && state != TpeSampler.State.RUNNING) {
        continue; // as Optuna: a failed trial tells nothing
      }
      double loss = n == 0 ? Double.NaN : (max ? -sum / n : sum / n);
      out.add(new TpeSampler.Trial(params.get(i), state, epochs == Integer.MAX_VALUE ? 0 : epochs, loss));
    }
    return out;
  }

  /** Whether the budget is spent: epochs recorded over the sweep's cells, or time since this process began. */
  private boolean budgetSpent(Sweep sweep, RunStore store) {
    if (budget.time() != null && !clock.instant().isBefore(started.plus(budget.time()))) {
      return true;
    }
    return budget.epochs() > 0 && Budgets.epochsSpent(store, sweep.id(), sweep.objective().metric()) >= budget.epochs();
  }
}
