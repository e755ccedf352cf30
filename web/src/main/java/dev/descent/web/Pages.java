package dev.descent.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The four pages. Each is a fixed HTML file from the jar; its script reads the URL (the query, the run id)
 * and fetches the API, so every view is bookmarkable and no data is ever put into HTML on the server.
 * The {@link Guard}'s Content-Security-Policy allows scripts from this server only, a second wall behind the
 * pages' escaping of every stored string.
 */
final class Pages {
  private final Map<String, byte[]> html = Map.of(
      "runs", load("runs"), "run", load("run"), "compare", load("compare"), "sweep", load("sweep"));

  void register(RoutesConfig r) {
    r.get("/", ctx -> page(ctx, "runs"));
    r.get("/runs/{id}", ctx -> page(ctx, "run"));
    r.get("/compare", ctx -> page(ctx, "compare"));
    r.get("/sweeps/{id}", ctx -> page(ctx, "sweep"));
  }

  private void page(Context ctx, String name) {
    ctx.contentType("text/html; charset=utf-8").result(html.get(name));
  }

  private static byte[] load(String name) {
    String path = "/descent-web/pages/" + name + ".html";
    try (InputStream in = Pages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
