package dev.descent.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the API's writes (tags, notes). With a token, a write needs {@code Authorization: Bearer T}
 * (compared in constant time). Without one (loopback only), a POST or PUT must still say
 * {@code Content-Type: application/json}: a web page elsewhere cannot send that to 127.0.0.1 without a
 * CORS preflight, which this server never grants, so it cannot edit runs behind the user's back.
 */
final class WriteGuard {
  private final byte[] token;

  WriteGuard(String token) {
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx) {
    HandlerType method = ctx.method();
    if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
      return;
    }
    if (token != null) {
      String given = ctx.header("Authorization");
      if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        ApiErrors.send(ctx, HttpStatus.UNAUTHORIZED.getCode(), "UNAUTHORIZED",
            "This server needs a token for writes: send 'Authorization: Bearer <token>' (printed by descent serve)");
        ctx.skipRemainingHandlers();
        return;
      }
    }
    String type = ctx.contentType();
    if (method != HandlerType.DELETE && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
      ApiErrors.send(ctx, 415, "INVALID_INPUT", "Content-Type: was '" + type + "', must be application/json");
      ctx.skipRemainingHandlers();
    }
  }
}
