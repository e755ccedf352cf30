package dev.descent.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a URI too long, a malformed {@code %} escape, {@code %00}, a body over the size
 * limit, the {@link Guard}'s refusals) in the server's JSON error shape instead of Jetty's HTML page. Never shows
 * a stack trace: the cause stays in the server log.
 */
final class JettyErrors extends ErrorHandler {
  /** Request attribute holding a map the {@link Guard} adds as the body's {@code details}. */
  static final String DETAILS = "descent.error.details";
  /** Jetty's reasons for a request without a usable Host ("No Host", "Blank Host"), pinned by a test. */
  private static final Pattern NO_HOST = Pattern.compile("^(No|Blank) Host\\b");

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String message = request.getAttribute(ERROR_MESSAGE) instanceof String m && !m.isBlank() ? m
        : HttpStatus.getMessage(status);
    if (request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t && t.getMessage() != null
        && !message.contains(t.getMessage()) && !t.getMessage().contains(HttpStatus.getMessage(status))) {
      message = message + ": " + t.getMessage();
    }
    if (status == 400 && NO_HOST.matcher(message).find()) {
      // Jetty refuses a missing or blank Host before the Guard sees it: refuse it as the Guard refuses a foreign one
      status = 403;
      response.setStatus(status);
      message = "A request without a Host name is refused: this server answers only to the names it was bound to "
          + "(see --allowed-hosts)";
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> details = request.getAttribute(DETAILS) instanceof Map<?, ?> d ? (Map<String, ?>) d : null;
    byte[] body = ErrorBody.json(ErrorBody.code(status), message(status, message), details)
        .getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
    } else {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
    return true;
  }

  /** For errors found while parsing the request, before any handler runs (414, 431, a bad request line). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    return ByteBuffer.wrap(ErrorBody.json(ErrorBody.code(status), message(status, reason), null)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Jetty's terse reasons, said so a user knows what to change. */
  private static String message(int status, String reason) {
    String r = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    return switch (status) {
      case 400 -> r.equals(HttpStatus.getMessage(400)) ? "Bad request: the URL or a header cannot be read (a malformed "
          + "% escape, an encoded NUL or control character, or an ambiguous path such as %2F..%2F)" : r;
      case 413 -> "Request body too large (" + r + "): at most " + WebServer.MAX_BODY_BYTES + " bytes are accepted";
      case 414 -> "Request URI too long (" + r + "): shorten the query or the path";
      case 431 -> "Request headers too large (" + r + ")";
      default -> r;
    };
  }
}
