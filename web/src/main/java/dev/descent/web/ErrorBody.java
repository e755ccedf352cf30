package dev.descent.web;

import dev.descent.core.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body of this server, {@code {"error_code", "message", "details"}}, written the same way whether
 * the error comes from an endpoint ({@link ApiErrors}), the {@link Guard} or Jetty itself ({@link JettyErrors}),
 * so a client handles every error, even a 414 or a malformed URL, with one parser.
 */
final class ErrorBody {
  private ErrorBody() {}

  static String json(String code, String message, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", message);
    body.put("details", details == null ? Map.of() : details);
    return Json.write(body);
  }

  /** The error code for a status no {@code DescentException} chose: what a client can switch on. */
  static String code(int status) {
    return switch (status) {
      case 400 -> "INVALID_INPUT";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 408 -> "TIMEOUT";
      case 413 -> "TOO_LARGE";
      case 414 -> "URI_TOO_LONG";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 431 -> "HEADERS_TOO_LARGE";
      default -> status >= 500 ? "INTERNAL" : "HTTP_" + status;
    };
  }
}
