package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.stats.AnalysisReport;
import dev.descent.core.stats.SweepAnalysis;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.sweep.Objective;
import dev.descent.core.tracking.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code /api/sweeps/{id}/analysis}: the sweep page's "what matters, and is the winner real" panel, the same
 * {@link SweepAnalysis} that {@code descent sweeps analyze --json} prints (ANOVA rows, verdicts, plain lines).
 * {@code /api/compare/analysis?ids=...&group=...&objective=...}: the same for the compare page's groups, the
 * group-by params in place of the grid axes.
 */
final class SweepAnalysisApi {
  private final Workspace ws;

  SweepAnalysisApi(Workspace ws) {
    this.ws = ws;
  }

  void register(RoutesConfig r) {
    r.get("/api/sweeps/{id}/analysis", this::analysis);
    r.get("/api/compare/analysis", this::groups);
  }

  private void groups(Context ctx) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(RunsApi.commaList(ctx.queryParam("ids"))));
    List<String> group = RunsApi.commaList(ctx.queryParam("group"));
    String metric = RunsApi.blankToNull(ctx.queryParam("objective"));
    if (ids.isEmpty() || ids.size() > CompareApi.MAX_RUNS || group.isEmpty() || metric == null) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Give ids=ID,... (1 to " + CompareApi.MAX_RUNS
          + " runs), group=PARAM,... and objective=METRIC; was " + ids.size() + " ids, group " + group
          + ", objective " + metric);
    }
    RunsApi.json(ctx, AnalysisReport.toMap(SweepAnalysis.of(Objective.of(metric), group, ws.store().summaries(ids))));
  }

  private void analysis(Context ctx) {
    String id = ctx.pathParam("id");
    SweepInfo info = ws.store().sweepInfo(id).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND,
        "No sweep '" + id + "' with a recorded grid in " + ws.location()));
    SweepAnalysis a = SweepAnalysis.of(new Objective(info.objectiveMetric(), info.objectiveMode()), info.axes(),
        ws.store().summaries(ws.store().cellIds(id)));
    RunsApi.json(ctx, AnalysisReport.toMap(a));
  }
}
