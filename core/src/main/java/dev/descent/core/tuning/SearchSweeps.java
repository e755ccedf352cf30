package dev.descent.core.tuning;

import dev.descent.core.experiment.ExperimentException;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.PluginRegistry;
import java.time.Clock;
import dev.descent.core.experiment.Problems;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.CellIds;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.spi.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a file with a {@code search:} section into a {@link Sweep}. A trial is built exactly as a grid cell
 * is: its values are written as a one-value grid ({@code grid: {learning_rate: [0.0031]}}) and the sweep
 * parser validates and expands it, once per seed, so a trial's cell id is the same content hash a grid
 * cell of that configuration has, and a problem a value causes is reported against
 * {@code search.space.<name>}. Random trials are all known up front, so the sweep's cells are every trial
 * and the grid's claim machinery gives exactly-once for free. For {@code tpe} the same holds for the
 * trials proposed so far (see {@link TpeSearch}).
 */
public final class SearchSweeps {
  private static final int MAX_ATTEMPTS = 100;
  private final SweepParser parser;
  private final PluginRegistry plugins;

  public SearchSweeps(SweepParser parser, PluginRegistry plugins) {
    this.parser = parser;
    this.plugins = plugins;
  }

  /** Validates the whole file and returns the search's sweep; every problem at once otherwise. */
  public Sweep parse(Map<String, Object> doc, String source, Path baseDir) {
    Problems problems = new Problems();
    SearchReader reader = new SearchReader(problems);
    SearchSpec spec = reader.search(doc.get("search"));
    PrunerSpec pruner = reader.pruner(doc.get("pruner"));
    Budget budget = reader.budget(doc.get("budget"));
    if (doc.get("grid") != null) {
      problems.add("grid", "a file has grid: or search:, not both; move the grid's axes into search.space as lists");
    }
    if (spec == null || !problems.isEmpty()) {
      throw new ExperimentException(source, problems.list());
    }
    Set<Problem> found = new LinkedHashSet<>(checkChoices(doc, spec, source, baseDir));
    int trials = "tpe".equals(spec.method()) ? Math.min(spec.trials(), TpeSampler.STARTUP_TRIALS) : spec.trials();
    List<Cell> cells = new ArrayList<>();
    Set<String> configs = new HashSet<>();
    Sweep first = null;
    for (int t = 0; t < trials && found.isEmpty(); t++) {
      for (int attempt = 0; ; attempt++) {
        Map<String, Object> values = RandomSampler.trial(spec.space(), spec.seed(), t, attempt);
        Sweep trial = trial(doc, values, source, baseDir, found);
        if (trial == null) {
          break;
        }
        if (configs.add(trial.cells().get(0).id())) {
          first = first == null ? trial : first;
          for (Cell c : trial.cells()) {
            cells.add(new Cell(c.id(), cells.size(), c.axisValues(), c.seed(), c.experiment(), c.notes()));
          }
          break;
        }
        if (attempt == MAX_ATTEMPTS) {
          found.add(new Problem("search.trials", "was " + spec.trials() + ", but the space has only " + t
              + " distinct configurations; lower trials or widen the space"));
          break;
        }
      }
    }
    if (!found.isEmpty()) {
      throw new ExperimentException(source, List.copyOf(found));
    }
    List<String> names = spec.space().params().stream().map(Param::name).toList();
    List<String> ids = "tpe".equals(spec.method()) ? List.of(TpeSearch.identity(doc)) : cells.stream().map(Cell::id).toList();
    String id = CellIds.sweepId(names, first.objective(), ids);
    Sweep sweep = new Sweep(id, first.name(), first.objective(), cells, names, first.seeds());
    if ("tpe".equals(spec.method())) {
      return sweep.withPlan(new TpeSearch(spec, budget, pruner, values -> {
        Sweep trial = trial(doc, values, source, baseDir, new LinkedHashSet<>());
        return trial == null ? List.of() : trial.cells();
      }, new ExperimentParser(plugins), Clock.systemUTC()));
    }
    return sweep.withPlan(Budgeted.of(new SearchPlan(spec, pruner, Pruning.plan(pruner)), budget));
  }

  /**
   * Builds every value of every categorical once (into trial 0's draw), so a bad choice is reported even when
   * no trial happens to draw it, against its index: {@code search.space.optimizer[1]}.
   */
  private List<Problem> checkChoices(Map<String, Object> doc, SearchSpec spec, String source, Path baseDir) {
    List<Problem> out = new ArrayList<>();
    for (Param p : spec.space().params()) {
      if (!(p.distribution() instanceof Distribution.Categorical c) || !p.when().isEmpty()) {
        continue;
      }
      for (int j = 0; j < c.values().size(); j++) {
        Map<String, Object> values = new LinkedHashMap<>(RandomSampler.trial(spec.space(), spec.seed(), 0, 0));
        values.put(p.name(), c.values().get(j));
        for (Param q : spec.space().params()) {
          if (!q.activeIn(values)) {
            values.remove(q.name());
          }
        }
        Set<Problem> found = new LinkedHashSet<>();
        trial(doc, values, source, baseDir, found);
        String at = "search.space." + p.name();
        for (Problem x : found) {
          out.add(x.path().startsWith(at) ? new Problem(at + "[" + j + "]" + x.path().substring(at.length()), x.message()) : x);
        }
      }
    }
    return out.stream().distinct().toList();
  }

  /** The sweep of one trial (one cell per seed); null with its problems added when its values do not fit. */
  private Sweep trial(Map<String, Object> doc, Map<String, Object> values, String source, Path baseDir,
      Set<Problem> found) {
    Map<String, Object> grid = new LinkedHashMap<>();
    values.forEach((k, v) -> grid.put(k, List.of(v)));
    Map<String, Object> cell = new LinkedHashMap<>(doc);
    cell.remove("search");
    cell.remove("pruner");
    cell.remove("budget");
    cell.put("grid", grid);
    try {
      return parser.parseDocument(cell, source, baseDir);
    } catch (ExperimentException e) {
      e.problems().forEach(p -> found.add(new Problem(searchPath(p.path(), values.keySet()), p.message())));
      return null;
    }
  }

  /** {@code grid.learning_rate[0]} as {@code search.space.learning_rate}: where the user wrote the value's range. */
  static String searchPath(String path, Set<String> names) {
    for (String name : names) {
      String at = "grid." + name;
      if (path.equals(at) || path.startsWith(at + "[0]")) {
        return "search.space." + name + path.substring(Math.min(path.length(), at.length() + 3));
      }
    }
    return path;
  }
}
