package dev.descent.core.sweep;

import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.experiment.Problems;
import dev.descent.core.experiment.YamlInput;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment file into a {@link Sweep}: the grid's Cartesian product (optimizer-major, then the
 * axes in file order, seeds fastest), each cell validated by the {@link ExperimentParser} exactly as a
 * single experiment is. Nothing is returned until the whole file is valid: every problem of the grid and
 * of every cell is collected, each once and against the grid value that caused it, into one
 * {@link ExperimentException} (exit code 2), before any cell can run.
 */
public final class SweepParser {
  /** More cells than this is almost surely a mistake, and would take days on one machine. */
  public static final int MAX_CELLS = 10_000;
  /**
   * Values written out over all cells (cells x values of the file): each cell is a copy of the file that the
   * experiment parser reads, so a long list in a file of many cells would take minutes before anything runs.
   */
  static final long MAX_EXPANDED_VALUES = 5_000_000;
  private final PluginRegistry plugins;
  private final ExperimentParser parser;

  public SweepParser(PluginRegistry plugins) {
    this.plugins = plugins;
    this.parser = new ExperimentParser(plugins);
  }

  /** Parses a file; its path names the source in every message, relative paths resolve against its folder. */
  public Sweep parse(Path file) {
    return parseDocument(YamlInput.read(file), file.toString(), file.toAbsolutePath().getParent());
  }

  /** Parses YAML text; {@code source} names it in messages, relative paths resolve against {@code baseDir}. */
  public Sweep parse(String yaml, String source, Path baseDir) {
    return parseDocument(ExperimentParser.loadDocument(yaml, source), source, baseDir);
  }

  /** Expands and validates a loaded document; the document is not modified. */
  public Sweep parseDocument(Map<String, Object> doc, String source, Path baseDir) {
    if (doc.get("search") != null) {
      Sweep search = new dev.descent.core.tuning.SearchSweeps(this, plugins).parse(doc, source, baseDir);
      return search.withPlan(StoredSweeps.remember(search.plan(), doc, baseDir));
    }
    Problems problems = new Problems();
    dev.descent.core.tuning.SearchReader reader = new dev.descent.core.tuning.SearchReader(problems);
    SweepPlan plan = StoredSweeps.remember(dev.descent.core.tuning.Budgeted.of(
        dev.descent.core.tuning.Pruning.plan(reader.pruner(doc.get("pruner"))), reader.budget(doc.get("budget"))),
        doc, baseDir);
    GridReader grid = new GridReader(plugins, problems);
    List<Axis> axes = grid.read(doc);
    Objective objective = Objective.read(doc.get("objective"), problems);
    long count = 1;
    for (Axis axis : axes) {
      count = Math.min(count * axis.size(), MAX_CELLS + 1L);
    }
    if (count > MAX_CELLS) {
      problems.add("grid", "expands to " + product(axes) + " cells, more than the " + MAX_CELLS
          + " a sweep may have; split it into several files or drop values");
      throw new ExperimentException(source, problems.list());
    }
    long values = CellBuilder.values(doc);
    if (count * values > MAX_EXPANDED_VALUES) {
      problems.add("grid", "expands to " + count + " cells of " + values + " values each, more than the "
          + MAX_EXPANDED_VALUES + " values a sweep may expand to; an experiment has a few hundred values: "
          + "shorten the file's lists or split the grid into several files");
      throw new ExperimentException(source, problems.list());
    }
    CellBuilder builder = new CellBuilder(doc, axes, this::declaredParams);
    Blame blame = new Blame(grid.badValues());
    Set<Problem> placing = new LinkedHashSet<>();
    List<Cell> cells = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      int[] choice = choice(axes, index);
      CellBuilder.Placed placed = builder.place(choice);
      placing.addAll(placed.problems());
      try {
        Experiment e = parser.parseDocument(placed.doc(), source, baseDir);
        cells.add(new Cell(CellIds.of(e, placed.doc()), index, axisValues(axes, choice), e.training().seed(), e,
            placed.notes()));
      } catch (ExperimentException ex) {
        blame.add(ex.problems(), placed.written());
      }
    }
    List<Problem> all = new ArrayList<>(problems.list());
    all.addAll(placing);
    all.addAll(blame.problems());
    if (!all.isEmpty()) {
      throw new ExperimentException(source, all.stream().distinct().toList());
    }
    return sweep(cells, axes, objective.resolve(cells.get(0).experiment()), source).withPlan(plan);
  }

  /** The sweep of valid cells, after the checks that need every cell: the objective, repeated cells. */
  private static Sweep sweep(List<Cell> cells, List<Axis> axes, Objective objective, String source) {
    Set<Problem> problems = new LinkedHashSet<>();
    Map<String, Cell> byId = new HashMap<>();
    int repeats = 0;
    String example = null;
    for (Cell cell : cells) {
      String wrong = objective.check(cell.experiment());
      if (wrong != null) {
        problems.add(new Problem("objective.metric", wrong));
      }
      Cell first = byId.putIfAbsent(cell.id(), cell);
      if (first != null && repeats++ == 0) {
        example = "cell " + cell.index() + " " + cell.axisValues() + " is cell " + first.index() + " "
            + first.axisValues();
      }
    }
    if (repeats > 0) {
      problems.add(new Problem("grid", repeats + " cell(s) repeat another cell's configuration, e.g. " + example
          + " once defaults are filled in; list each distinct value once"));
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(source, List.copyOf(problems));
    }
    List<String> names = axes.stream().filter(a -> a.kind() != Axis.Kind.SEED).map(Axis::name).toList();
    List<Long> seeds = axes.stream().filter(a -> a.kind() == Axis.Kind.SEED).findFirst()
        .map(a -> a.values().stream().map(v -> (Long) v).toList())
        .orElseGet(() -> cells.stream().map(Cell::seed).distinct().toList());
    String id = CellIds.sweepId(names, objective, cells.stream().map(Cell::id).toList());
    return new Sweep(id, cells.get(0).experiment().name(), objective, cells, names, seeds);
  }

  /** The param names optimizer {@code name} declares; null when no plugin has that name. */
  private Set<String> declaredParams(String name) {
    if (!plugins.has(dev.descent.spi.PluginKind.OPTIMIZER, name)) {
      return null;
    }
    Set<String> names = new java.util.HashSet<>();
    plugins.optimizer(name).parameters().forEach(p -> names.add(p.name()));
    return names;
  }

  /** {@code 5 x 3 x 1000}, the sizes of the axes. */
  private static String product(List<Axis> axes) {
    return String.join(" x ", axes.stream().map(a -> Integer.toString(a.size())).toList());
  }

  /** The value index of each axis for cell {@code index}: the last axis varies fastest. */
  private static int[] choice(List<Axis> axes, int index) {
    int[] choice = new int[axes.size()];
    int rest = index;
    for (int k = axes.size() - 1; k >= 0; k--) {
      choice[k] = rest % axes.get(k).size();
      rest /= axes.get(k).size();
    }
    return choice;
  }

  private static Map<String, Object> axisValues(List<Axis> axes, int[] choice) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int k = 0; k < axes.size(); k++) {
      if (axes.get(k).kind() != Axis.Kind.SEED) {
        values.put(axes.get(k).name(), axes.get(k).labels().get(choice[k]));
      }
    }
    return values;
  }
}
