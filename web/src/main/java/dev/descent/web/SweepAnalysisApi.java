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

/**
 * {@code /api/sweeps/{id}/analysis}: the sweep page's "what matters, and is the winner real" panel, the same
 * {@link SweepAnalysis} that {@code descent sweeps analyze --json} prints (ANOVA rows, verdicts, plain lines).
 */
final class SweepAnalysisApi {
  private final Workspace ws;

  SweepAnalysisApi(Workspace ws) {
    this.ws = ws;
  }

  void register(RoutesConfig r) {
    r.get("/api/sweeps/{id}/analysis", this::analysis);
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
