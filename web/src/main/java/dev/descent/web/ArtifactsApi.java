package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.Run;
import dev.descent.core.tracking.Artifacts;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/runs/{id}/artifacts}: the files a run kept (its best or last weights and their description), listed
 * and downloaded. Only names {@link Artifacts#list} gives are served, so no path reaches outside the run's folder.
 */
final class ArtifactsApi {
  private final Workspace ws;

  ArtifactsApi(Workspace ws) {
    this.ws = ws;
  }

  void register(RoutesConfig r) {
    r.get("/api/runs/{id}/artifacts", this::list);
    r.get("/api/runs/{id}/artifacts/{name}", this::download);
  }

  private void list(Context ctx) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    List<Map<String, Object>> files = ws.artifacts().list(run.id()).stream().map(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("bytes", f.bytes());
      m.put("url", "/api/runs/" + enc(run.id()) + "/artifacts/" + enc(f.name()));
      return m;
    }).toList();
    RunsApi.json(ctx, files);
  }

  private void download(Context ctx) {
    Run run = RunViews.require(ws.store(), ctx.pathParam("id"));
    Path file = ws.artifacts().file(run.id(), ctx.pathParam("name"));
    String name = file.getFileName().toString();
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.contentType(name.endsWith(".json") ? "application/json" : "application/octet-stream");
    try {
      InputStream in = Files.newInputStream(file);
      ctx.result(in);
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
