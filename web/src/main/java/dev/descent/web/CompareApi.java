package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.search.RunSearch;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.tracking.MeanStd;
import dev.descent.core.tracking.RunGroups;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/compare}: everything the compare page draws for a set of runs (their summaries, params and
 * every epoch of the asked metrics) in one response, read with two queries whatever the number of runs. The
 * runs are named ({@code ids=a,b}) or found ({@code q=QUERY&sort=...}); named runs that no longer exist are
 * listed under {@code missing} rather than failing a shared link. With {@code group=PARAM[,PARAM]} the runs
 * also come grouped by those params' values, each group's curves as mean ± std per epoch ({@link RunGroups}).
 * {@code axes} names the params the parallel-coordinates plot draws ({@link ParallelAxes}).
 */
final class CompareApi {
  static final int DEFAULT_RUNS = 20;
  static final int MAX_RUNS = 100;

  private final Workspace ws;
  /** Searches the index as the {@link IndexFollower} keeps it, never waiting for a catch-up. */
  private final RunSearch search;

  CompareApi(Workspace ws) {
    this.ws = ws;
    this.search = ws.search().asIs();
  }

  /**
   * A group as JSON: its params, runs, per metric {@code [epoch, mean, std, n]} rows, and per objective
   * {@code [mean, std, n]} over its runs; mean and std null where no run of the group has a finite value.
   */
  static Map<String, Object> view(RunGroups.Group g, java.util.Set<String> metrics,
      Map<String, Map<String, Double>> objectives) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("params", g.params());
    m.put("runs", g.runIds());
    Map<String, Object> stats = new LinkedHashMap<>();
    metrics.forEach(metric -> {
      MeanStd ms = MeanStd.of(g.runIds().stream().map(id -> objectives.get(id).get(metric))
          .mapToDouble(v -> v == null ? Double.NaN : v).toArray());
      stats.put(metric, Arrays.<Object>asList(RunsApi.orNull(ms.mean()), RunsApi.orNull(ms.std()), ms.n()));
    });
    m.put("objectives", stats);
    Map<String, Object> history = new LinkedHashMap<>();
    g.history().forEach((key, points) -> history.put(key, points.stream().map(p -> Arrays.<Object>asList(
        p.epoch(), RunsApi.orNull(p.stats().mean()), RunsApi.orNull(p.stats().std()), p.stats().n())).toList()));
    m.put("history", history);
    return m;
  }

  /**
   * A run's value of each metric as an objective (its best epoch value, or the test value; see
   * {@link SweepSummary#objective}), null unless it finished: what the parallel plot and the groups rank by.
   */
  private static Map<String, Double> objectives(Run run, java.util.Set<String> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(m -> out.put(m, RunsApi.orNull(SweepSummary.objective(Objective.of(m), run))));
    return out;
  }

  /** Every param name of the runs: the usual sweep axes first, then alphabetically (as the pages list them). */
  static List<String> paramNames(List<Run> runs) {
    java.util.SortedSet<String> rest = new java.util.TreeSet<>();
    runs.forEach(r -> rest.addAll(r.params().keySet()));
    List<String> names = new ArrayList<>();
    for (String usual : List.of("optimizer", "learning_rate", "batch_size", "dropout", "seed")) {
      if (rest.remove(usual)) {
        names.add(usual);
      }
    }
    names.addAll(rest);
    return names;
  }

  void register(RoutesConfig r) {
    r.get("/api/compare", this::compare);
  }

  private void compare(Context ctx) {
    String ids = RunsApi.blankToNull(ctx.queryParam("ids"));
    String query = ctx.queryParam("q");
    int limit = RunsApi.intParam(ctx, "limit", DEFAULT_RUNS);
    if (limit < 1 || limit > MAX_RUNS) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "limit: was " + limit + ", must be 1.." + MAX_RUNS);
    }
    List<String> wanted;
    long total;
    if (ids != null) {
      wanted = List.copyOf(new LinkedHashSet<>(RunsApi.commaList(ids)));
      if (wanted.size() > limit) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "ids: " + wanted.size() + " runs named, at most "
            + limit + " compared at once (limit, up to " + MAX_RUNS + ")");
      }
      total = wanted.size();
    } else if (query != null) {
      SearchPage page = search.search(query, RunsApi.blankToNull(ctx.queryParam("sort")), 0, limit);
      wanted = page.ids();
      total = page.total();
    } else {
      throw new DescentException(ErrorCode.INVALID_INPUT,
          "Name the runs to compare: ids=ID,ID,... or q=QUERY (the search language; empty for all runs)");
    }
    Map<String, List<MetricPoint>> points = ws.store().metricsOf(wanted, RunsApi.commaList(ctx.queryParam("keys")));
    List<Run> stored = ws.store().summaries(wanted);
    java.util.SortedSet<String> metrics = new java.util.TreeSet<>();
    stored.forEach(r -> {
      metrics.addAll(r.summaries().keySet());
      metrics.addAll(r.test().keySet());
    });
    Map<String, Map<String, Double>> objectives = new LinkedHashMap<>();
    stored.forEach(r -> objectives.put(r.id(), objectives(r, metrics)));
    List<Map<String, Object>> runs = new ArrayList<>();
    for (Run run : stored) {
      Map<String, Object> view = RunViews.summary(run);
      view.put("objectives", objectives.get(run.id()));
      view.put("history", RunsApi.finite(RunViews.history(points.getOrDefault(run.id(), List.of()))));
      runs.add(view);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", total);
    Map<String, String> modes = new LinkedHashMap<>();
    metrics.forEach(m -> modes.put(m, Objective.of(m).mode()));
    body.put("objectives", modes);
    body.put("runs", runs);
    body.put("axes", ParallelAxes.of(stored, paramNames(stored), ws.store()::sweepInfo));
    body.put("missing", wanted.stream().filter(id -> !objectives.containsKey(id)).toList());
    List<String> by = RunsApi.commaList(ctx.queryParam("group"));
    if (!by.isEmpty()) {
      java.util.SortedSet<String> known = new java.util.TreeSet<>();
      stored.forEach(r -> known.addAll(r.params().keySet()));
      List<String> unknown = by.stream().filter(p -> !known.contains(p)).toList();
      if (!unknown.isEmpty() && !stored.isEmpty()) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "group: no run compared has the param "
            + String.join(", ", unknown) + "; their params are " + String.join(", ", known));
      }
      body.put("group", by);
      body.put("groups", RunGroups.of(stored, points, by).stream().map(g -> view(g, metrics, objectives)).toList());
    }
    RunsApi.json(ctx, body);
  }
}
