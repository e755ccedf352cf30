package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.search.RunSearch;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunLabels;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/runs}: search, one run, its metric history, and the two edits a user makes in the browser
 * (tags, note). Runs come out in {@link RunViews}' shapes, the same as {@code descent runs ... --json}.
 */
final class RunsApi {
  static final int DEFAULT_LIMIT = 50;

  private final Workspace ws;
  /** Searches the index as the {@link IndexFollower} keeps it, never waiting for a catch-up. */
  private final RunSearch search;

  RunsApi(Workspace ws) {
    this.ws = ws;
    this.search = ws.search().asIs();
  }

  void register(RoutesConfig r) {
    r.get("/api/runs", this::search);
    r.get("/api/runs/{id}", this::run);
    r.get("/api/runs/{id}/metrics", this::metrics);
    r.post("/api/runs/{id}/tags", this::addTag);
    r.delete("/api/runs/{id}/tags/{tag}", ctx -> removeTag(ctx, ctx.pathParam("tag")));
    r.delete("/api/runs/{id}/tags", ctx -> removeTag(ctx, requiredParam(ctx, "tag")));
    r.put("/api/runs/{id}/note", this::setNote);
  }

  private void search(Context ctx) {
    int offset = intParam(ctx, "offset", 0);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
    SearchPage page = search.search(ctx.queryParam("q"), blankToNull(ctx.queryParam("sort")), offset, limit);
    List<Map<String, Object>> runs = new ArrayList<>();
    ws.store().summaries(page.ids()).forEach(r -> runs.add(RunViews.summary(r)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("offset", offset);
    body.put("limit", limit);
    body.put("runs", runs);
    json(ctx, body);
  }

  private void run(Context ctx) {
    Map<String, Object> full = RunViews.full(RunViews.require(ws.store(), ctx.pathParam("id")), ws.store());
    @SuppressWarnings("unchecked")
    Map<String, List<double[]>> history = (Map<String, List<double[]>>) full.get("history");
    full.put("history", finite(history));
    json(ctx, full);
  }

  /**
   * Points as {@code [epoch, value]} lists with NaN and infinities as null: JSON has no such numbers, and a
   * diverged run's last epochs are exactly what the charts must show as a gap.
   */
  static Map<String, List<List<Object>>> finite(Map<String, List<double[]>> history) {
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    history.forEach((key, points) -> out.put(key, points.stream()
        .map(p -> Arrays.<Object>asList((int) p[0], orNull(p[1]))).toList()));
    return out;
  }

  /** A number as JSON can carry it: NaN and infinities (a diverged run) as null. */
  static Double orNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private void metrics(Context ctx) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    json(ctx, finite(RunViews.history(ws.store().metrics(run.id(), commaList(ctx.queryParam("keys"))))));
  }

  private void addTag(Context ctx) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    ws.store().addTag(run.id(), JsonBody.stringField(ctx, "tag"));
    ws.sync();
    ctx.status(201);
    json(ctx, RunViews.summary(RunViews.require(ws.store(), run.id())));
  }

  /**
   * Removes a tag named in the path or, for a tag a path cannot carry (one with {@code /} or a control character
   * stored before tags were checked), in {@code ?tag=}. Never validated: any stored tag can be removed.
   */
  private void removeTag(Context ctx, String tag) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    RunLabels.requireTagged(run, tag);
    ws.store().removeTag(run.id(), tag);
    ws.sync();
    json(ctx, RunViews.summary(RunViews.require(ws.store(), run.id())));
  }

  private void setNote(Context ctx) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    ws.store().setNote(run.id(), JsonBody.stringField(ctx, "note"));
    ws.sync();
    json(ctx, RunViews.summary(RunViews.require(ws.store(), run.id())));
  }

  static String requiredParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Query parameter '" + name + "' is missing");
    }
    return v;
  }

  static int intParam(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, name + ": was '" + v + "', must be an integer");
    }
  }

  /** A comma-separated query parameter's items, trimmed, empty ones dropped; none when absent. */
  static List<String> commaList(String list) {
    return list == null ? List.of()
        : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(Json.write(body));
  }
}
