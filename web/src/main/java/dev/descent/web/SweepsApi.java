package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.search.RunSearch;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.store.SweepCounts;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.sweep.Objective;
import dev.descent.core.sweep.StoredSweeps;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.sweep.SweepTable;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.tuning.SearchTrace;
import dev.descent.core.train.RunStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/sweeps} and {@code /api/experiments}: what the sweep page needs to draw its optimizer ×
 * learning-rate heatmap (every cell's params, status and objective value), its search panel (the sweep's kind,
 * best so far against cells and epochs spent, pruned cells: {@link SearchTrace}) and the experiment list.
 */
final class SweepsApi {
  /** Objectives in the order a sweep without an {@code objective:} section picks them (see core's Objective). */
  private static final List<Objective> DEFAULT_OBJECTIVES = List.of(new Objective("val_accuracy", "max"),
      new Objective("val_loss", "min"), new Objective("test_accuracy", "max"), new Objective("test_loss", "min"));

  /** How stale the sweep list and experiment counts may be while the store keeps changing. */
  static final Duration LIST_STALENESS = Duration.ofSeconds(3);

  private final Workspace ws;
  /** Searches the index as the {@link IndexFollower} keeps it, never waiting for a catch-up. */
  private final RunSearch search;
  private final ChangeCache<List<SweepCounts>> sweeps;
  private final ChangeCache<List<Map<String, Object>>> experiments;

  SweepsApi(Workspace ws) {
    this.ws = ws;
    this.search = ws.search().asIs();
    this.sweeps = new ChangeCache<>(ws.store(), LIST_STALENESS, () -> ws.store().sweeps());
    this.experiments = new ChangeCache<>(ws.store(), LIST_STALENESS, () -> {
      List<Map<String, Object>> out = new ArrayList<>();
      ws.store().experimentCounts().forEach((name, n) -> out.add(Map.of("name", name, "runs", n)));
      return out;
    });
  }

  void register(RoutesConfig r) {
    r.get("/api/sweeps", ctx -> RunsApi.json(ctx, sweeps.get().stream().map(c -> RunViews.sweep(c, null)).toList()));
    r.get("/api/sweeps/{id}", this::sweep);
    r.get("/api/experiments", ctx -> RunsApi.json(ctx, experiments.get()));
  }

  private void sweep(Context ctx) {
    String id = ctx.pathParam("id");
    List<Run> runs = new ArrayList<>();
    String query = "sweep:\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    for (int offset = 0; ; offset += RunSearch.MAX_LIMIT) {
      SearchPage page = search.search(query, "start_time:asc", offset, RunSearch.MAX_LIMIT);
      runs.addAll(ws.store().summaries(page.ids()));
      if (offset + RunSearch.MAX_LIMIT >= page.total()) {
        break;
      }
    }
    if (runs.isEmpty()) {
      throw new DescentException(ErrorCode.NOT_FOUND, "No sweep '" + id + "' in " + ws.location());
    }
    SweepInfo info = ws.store().sweepInfo(id).orElse(null);
    Objective objective = info != null ? new Objective(info.objectiveMetric(), info.objectiveMode()) : objective(runs);
    Map<String, Object> kind = StoredSweeps.kind(info);
    boolean decades = !"grid".equals(kind.get("method"));
    Map<String, Object> body = RunViews.sweep(counts(id, runs), info);
    body.put("objective", Map.of("metric", objective.metric(), "mode", objective.mode()));
    List<Map<String, Object>> cells = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", r.id());
      c.put("status", r.status().label());
      c.put("params", r.params());
      double value = SweepSummary.objective(objective, r);
      c.put("objective", Double.isFinite(value) ? value : null);
      c.put("error", r.error());
      c.put("epochs", SearchTrace.epochs(r));
      if (r.params().get("learning_rate") instanceof Number lr) {
        c.put("table_lr", column(lr.doubleValue(), decades)); // the table's column this cell falls in
      }
      cells.add(c);
    }
    body.put("runs", cells);
    body.put("table", table(runs, objective, decades));
    Map<String, Object> search = new LinkedHashMap<>(kind);
    search.putAll(SearchTrace.of(runs, objective).toMap());
    body.put("search", search);
    RunsApi.json(ctx, body);
  }

  private static double column(double lr, boolean decades) {
    return decades ? SweepTable.decade(lr) : lr;
  }

  /**
   * The optimizer × learning-rate table as {@code descent run} prints it ({@link SweepTable}): a cell is the best
   * setting of the other params, mean ± std over its seeds. A run's setting is its params without the seed. A
   * search's learning rates are binned by decade ({@code decades}), as the CLI's summary bins them.
   */
  static Map<String, Object> table(List<Run> runs, Objective objective, boolean decades) {
    List<SweepTable.Entry> entries = new ArrayList<>();
    for (Run r : runs) {
      if (r.params().get("optimizer") instanceof String opt && r.params().get("learning_rate") instanceof Number lr) {
        Map<String, Object> setting = new TreeMap<>(r.params());
        setting.remove("seed");
        entries.add(new SweepTable.Entry(r.id(), opt, column(lr.doubleValue(), decades), setting.toString(), r.status(),
            SweepSummary.objective(objective, r)));
      }
    }
    SweepTable table = SweepTable.of(entries, objective);
    Map<String, Map<Double, SweepTable.Setting>> bestSettings = table.best();
    List<Map<String, Object>> cells = new ArrayList<>();
    bestSettings.forEach((opt, row) -> row.forEach((lr, best) -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("optimizer", opt);
      c.put("learning_rate", lr);
      c.put("mean", RunsApi.orNull(best.objective().mean()));
      c.put("std", RunsApi.orNull(best.objective().std()));
      c.put("n", best.objective().n());
      c.put("runs", best.runIds());
      c.put("settings", table.settingsIn(opt, lr));
      c.put("diverged", best.diverged());
      c.put("failed", best.failed());
      cells.add(c);
    }));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("optimizers", List.copyOf(bestSettings.keySet()));
    out.put("learning_rates", List.copyOf(table.learningRates()));
    out.put("decades", decades);
    out.put("cells", cells);
    return out;
  }

  /** The sweep's cells counted by status, from the cells just read: the detail page is live, never cached. */
  private static SweepCounts counts(String id, List<Run> runs) {
    Map<RunStatus, Integer> counts = new java.util.EnumMap<>(RunStatus.class);
    runs.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    java.time.Instant started = runs.stream().map(Run::startTime).filter(java.util.Objects::nonNull)
        .min(java.util.Comparator.naturalOrder()).orElse(null);
    java.time.Instant ended = runs.stream().map(Run::endTime).filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder()).orElse(null);
    return new SweepCounts(id, runs.get(0).experiment(), counts, started, ended);
  }

  /** For a sweep the store has no objective for: the first default one some run of the sweep has a value for. */
  private static Objective objective(List<Run> runs) {
    for (Objective o : DEFAULT_OBJECTIVES) {
      if (runs.stream().anyMatch(r -> r.summaries().containsKey(o.metric()) || r.test().containsKey(o.metric()))) {
        return o;
      }
    }
    return DEFAULT_OBJECTIVES.get(0);
  }
}
