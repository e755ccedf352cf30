package dev.descent.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * A {@code Server-Timing: app;dur=MS} header on every API response: the time the server spent, which the
 * browser's developer tools and the dashboard benchmark read apart from the network's.
 */
final class ServerTiming {
  private static final String START = "descent.start";

  private ServerTiming() {}

  static void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
  }

  static void finish(Context ctx) {
    Long start = ctx.attribute(START);
    if (start != null) {
      ctx.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.2f", (System.nanoTime() - start) / 1e6));
    }
  }
}
