package dev.descent.core.sweep;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.BuildCheck;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SweepCounts;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A sweep rebuilt from the run store alone, so a worker on another machine joins it without the
 * experiment file: the sweep's row gives its name, objective and axes, and each cell's run its resolved
 * configuration, which reads back as the experiment it was (checked: it must resolve to the same
 * configuration again, or the cell is refused rather than trained differently).
 */
public final class StoredSweeps {
  private StoredSweeps() {}

  /**
   * Sweeps with a cell that has no outcome yet (queued, running, failed, crashed, stopped), and TPE searches with
   * trials not yet proposed (every proposed cell may have ended while the search goes on: a worker that joins
   * then proposes the next), most recent first.
   */
  public static List<String> unfinished(RunStore store) {
    return store.sweeps().stream().filter(c -> unfinished(c) || trialsLeft(store, c)).map(SweepCounts::sweepId)
        .toList();
  }

  static boolean unfinished(SweepCounts c) {
    return c.counts().entrySet().stream()
        .anyMatch(e -> e.getValue() > 0 && !e.getKey().outcome());
  }

  /** Whether a TPE search has fewer cells in the store than its trials x seeds, as its stored file says. */
  private static boolean trialsLeft(RunStore store, SweepCounts c) {
    Optional<SweepInfo> info = store.sweepInfo(c.sweepId());
    if (info.isEmpty()) {
      return false;
    }
    Map<String, Object> kind = kind(info.get());
    if (!"tpe".equals(kind.get("method")) || !(kind.get("trials") instanceof Integer trials)) {
      return false;
    }
    Map<?, ?> doc = document(info.get());
    Object seeds = doc.get("seeds");
    int perTrial = seeds instanceof List<?> l ? Math.max(1, l.size()) : seeds instanceof Number n ? n.intValue() : 1;
    return c.total() < (long) trials * perTrial;
  }

  /** The sweep file's document as stored with its plan; empty for a plain grid or an unreadable plan. */
  private static Map<?, ?> document(SweepInfo info) {
    if (info == null || info.plan() == null) {
      return Map.of();
    }
    try {
      Map<?, ?> stored = dev.descent.core.Json.mapper().readValue(info.plan(), Map.class);
      return stored.get("document") instanceof Map<?, ?> d ? d : Map.of();
    } catch (java.io.IOException e) {
      return Map.of(); // unreadable: a worker says so when it loads the plan; readers show a grid
    }
  }

  /** The sweep {@code sweepId} as it was run, cells in its order. */
  public static Sweep load(RunStore store, String sweepId, ExperimentParser parser) {
    return load(store, sweepId, parser, null, null);
  }

  /**
   * As {@link #load(RunStore, String, ExperimentParser)}, leaving out each cell that names a plugin
   * {@code plugins} lacks, which {@code refused} hears of (cell id, why) instead: such a cell stays
   * unclaimed for workers that have the plugin.
   */
  public static Sweep load(RunStore store, String sweepId, ExperimentParser parser, PluginRegistry plugins,
      BiConsumer<String, String> refused) {
    SweepInfo info = store.sweepInfo(sweepId).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND,
        "Run store " + store.location() + " has no sweep '" + sweepId + "' (or it was run by a descent older than"
            + " schema 3, which kept no sweep record). `descent sweeps` lists the sweeps it has."));
    List<Cell> cells = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (Run run : store.summaries(store.cellIds(sweepId))) {
      Run full = store.get(run.id()).orElseThrow();
      List<String> missing = plugins == null ? List.of() : BuildCheck.missingPlugins(full.provenance(), plugins);
      if (!missing.isEmpty()) {
        if (run.status().rerunnable() || run.status() == RunStatus.RUNNING) {
          refused.accept(run.id(), String.join("; ", missing));
        }
        continue;
      }
      Experiment e = experiment(store, sweepId, full, parser);
      Map<String, Object> axisValues = new LinkedHashMap<>();
      for (String axis : info.axes()) {
        Object v = full.params().get(axis);
        if (v != null) {
          axisValues.put(axis, v);
        }
      }
      cells.add(new Cell(full.id(), cells.size(), axisValues, e.training().seed(), e));
      if (!seeds.contains(e.training().seed())) {
        seeds.add(e.training().seed());
      }
    }
    Sweep sweep = new Sweep(info.id(), info.name(), new Objective(info.objectiveMetric(), info.objectiveMode()),
        cells, info.axes(), seeds);
    return plugins == null || info.plan() == null ? sweep : sweep.withPlan(plan(store, info, plugins));
  }

  /**
   * {@code plan} with what rebuilds it: the sweep file's document and the folder its relative paths resolve
   * against, as JSON that keeps the file's key order (a search's space is sampled in the order it is written,
   * so sorted keys would draw other trials); a plain grid's {@link SweepPlan#NONE} stays as it is.
   */
  static SweepPlan remember(SweepPlan plan, Map<String, Object> doc, Path baseDir) {
    if (plan == SweepPlan.NONE) {
      return plan;
    }
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("document", doc);
    if (baseDir != null) {
      stored.put("base_dir", baseDir.toAbsolutePath().toString());
    }
    return new RememberedPlan(plan, dev.descent.core.Json.write(stored));
  }

  /**
   * What kind of sweep a stored one is, as its file said: {@code method} ({@code grid}, {@code random} or
   * {@code tpe}), {@code trials} (a search's, else null) and {@code pruner} ({@code none} unless one was set).
   * Read from the stored document alone, so a reader without the plugins (the dashboard) can say it.
   */
  public static Map<String, Object> kind(SweepInfo info) {
    Map<String, Object> kind = new LinkedHashMap<>();
    Map<?, ?> doc = document(info);
    Map<?, ?> search = doc.get("search") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> pruner = doc.get("pruner") instanceof Map<?, ?> m ? m : Map.of();
    kind.put("method", search.get("method") instanceof String method ? method : "grid");
    kind.put("trials", search.get("trials") instanceof Number n ? n.intValue() : null);
    kind.put("pruner", pruner.get("method") instanceof String method ? method : "none");
    return kind;
  }

  /**
   * The plan of a stored sweep, parsed again from its document exactly as {@code descent run} parsed the file,
   * so a worker prunes, proposes (the same trial ids: a trial's cells are content hashes) and spends as it
   * does. The document must give the same sweep id here, or the worker would run another sweep's trials.
   */
  private static SweepPlan plan(RunStore store, SweepInfo info, PluginRegistry plugins) {
    String source = "the plan of sweep " + info.id() + " in " + store.location();
    Map<String, Object> stored;
    try {
      stored = dev.descent.core.Json.mapper().readValue(info.plan(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, source + " is not JSON (" + e.getMessage() + ")", e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) stored.get("document");
    Object base = stored.get("base_dir");
    Sweep planned = new SweepParser(plugins).parseDocument(doc, source, base == null ? Path.of(".") : Path.of(
        base.toString()));
    if (!planned.id().equals(info.id())) {
      throw new DescentException(ErrorCode.INVALID_INPUT, source + " reads back here as sweep " + planned.id()
          + ", not " + info.id() + ". Was it written by another descent version? Run the sweep from its file with"
          + " `descent run` instead.");
    }
    return planned.plan();
  }

  private static Experiment experiment(RunStore store, String sweepId, Run run, ExperimentParser parser) {
    String source = "cell " + run.id() + " of sweep " + sweepId + " in " + store.location();
    Experiment e = parser.parseDocument(run.config(), source, Path.of("."));
    if (!CanonicalJson.of(ResolvedConfig.of(e)).equals(CanonicalJson.of(run.config()))) {
      throw new DescentException(ErrorCode.INVALID_INPUT, source + ": its stored configuration does not read back"
          + " as the same experiment here (stored " + CanonicalJson.of(run.config()) + ", read "
          + CanonicalJson.of(ResolvedConfig.of(e)) + "). Was it written by another descent version? Run the sweep"
          + " from its file with `descent run` instead.");
    }
    return e;
  }
}
