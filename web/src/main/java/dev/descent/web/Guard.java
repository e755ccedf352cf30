package dev.descent.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one guard, in front of every path (pages, static files, webjars, API, artifacts), before Javalin
 * sees the request.
 *
 * <ul>
 *   <li><b>Host.</b> Only the names the server was bound to are answered ({@link AllowedHosts}). A web page
 *       that rebinds its own name (evil.example) to 127.0.0.1 is same-origin to the browser, but its requests
 *       still say {@code Host: evil.example}, so they get 403: this is what stops DNS rebinding.</li>
 *   <li><b>Methods.</b> GET, HEAD, POST, PUT, DELETE; anything else (PATCH, TRACE, OPTIONS) gets 405 with
 *       {@code Allow}. No CORS preflight is ever granted.</li>
 *   <li><b>Writes</b> (POST, PUT, DELETE): an {@code Origin} header, when present, must be this server's own
 *       ({@code Origin: null} from sandboxed frames and files is refused); with a token,
 *       {@code Authorization: Bearer T} compared in constant time; a body must be exactly
 *       {@code application/json} (optionally {@code ; charset=utf-8}), which a page elsewhere cannot send
 *       without a preflight.</li>
 *   <li><b>Headers</b> on every response: {@code X-Content-Type-Options: nosniff}, a Content-Security-Policy
 *       allowing scripts from this server only and no framing, {@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * Refusals go through {@link Response#writeError}, so they have the JSON error shape of {@link JettyErrors}.
 */
final class Guard extends Handler.Wrapper {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  static final String ALLOW = "GET, HEAD, POST, PUT, DELETE";
  private static final Set<String> READS = Set.of("GET", "HEAD");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE");

  private final AllowedHosts hosts;
  private final byte[] token;

  /** @param token required on writes when not null */
  Guard(AllowedHosts hosts, String token) {
    this.hosts = hosts;
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Content-Security-Policy", CSP);
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    String host = request.getHeaders().get(HttpHeader.HOST);
    String authority = request.getHttpURI().getAuthority();
    if (!hosts.allows(host) || (authority != null && !authority.isEmpty() && !hosts.allows(authority))) {
      String shown = host == null ? "none" : "'" + host + "'";
      return refuse(request, response, callback, 403, "Host " + shown + " is not a name this server answers to; "
          + "it answers to " + String.join(", ", hosts.names()) + ". This refuses web pages that point their own "
          + "name at this machine (DNS rebinding). If you reach the server under another name, start it with "
          + "--allowed-hosts NAME", Map.of("host", host == null ? "" : host, "allowed", hosts.names()));
    }
    String method = request.getMethod();
    if (!READS.contains(method) && !WRITES.contains(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
      return refuse(request, response, callback, 405, "Method " + method + " is not allowed; this server answers "
          + ALLOW, Map.of("method", method, "allowed", List.of(ALLOW.split(", "))));
    }
    if (WRITES.contains(method)) {
      Refusal refusal = writeRefusal(request, host);
      if (refusal != null) {
        return refuse(request, response, callback, refusal.status(), refusal.message(), null);
      }
    }
    return super.handle(request, response, callback);
  }

  private record Refusal(int status, String message) {}

  /** Why a write is refused, or null when it may go on. */
  private Refusal writeRefusal(Request request, String host) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !sameOrigin(origin, host)) {
      return new Refusal(403, "A write from origin '" + origin + "' is refused: only pages served by this server "
          + "(http://" + host + ") may change runs");
    }
    if (token != null) {
      String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
      if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        return new Refusal(401, "This server needs a token for writes: send 'Authorization: Bearer <token>' "
            + "(printed by descent serve)");
      }
    }
    // an artifact upload is a file; a cross-site PUT needs a preflight whatever its type, which is never granted
    if (!"DELETE".equals(request.getMethod())
        && !dev.descent.web.mlflow.ArtifactsProxy.isUpload(request.getMethod(), Request.getPathInContext(request))) {
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (!isJson(type)) {
        return new Refusal(415, "Content-Type: was " + (type == null ? "missing" : "'" + type + "'")
            + ", must be application/json (optionally with ; charset=utf-8)");
      }
    }
    return null;
  }

  /** {@code application/json}, optionally with {@code charset=utf-8}; nothing else (not application/jsonx). */
  static boolean isJson(String type) {
    if (type == null) {
      return false;
    }
    String[] parts = type.split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase("application/json") || parts.length > 2) {
      return false;
    }
    if (parts.length == 1) {
      return true;
    }
    String param = parts[1].trim().toLowerCase(Locale.ROOT).replace(" ", "");
    return param.equals("charset=utf-8") || param.equals("charset=\"utf-8\"");
  }

  /** Whether {@code origin} (scheme://host[:port]) names the host the request was sent to. */
  static boolean sameOrigin(String origin, String host) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    String authority;
    if (o.startsWith("http://")) {
      authority = o.substring(7);
      authority = authority.endsWith(":80") ? authority.substring(0, authority.length() - 3) : authority;
    } else if (o.startsWith("https://")) {
      authority = o.substring(8);
      authority = authority.endsWith(":443") ? authority.substring(0, authority.length() - 4) : authority;
    } else {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    return !authority.isEmpty() && (authority.equals(h) || authority.equals(h.replaceFirst(":80$", "")));
  }

  private static boolean refuse(Request request, Response response, Callback callback, int status, String message,
      Map<String, ?> details) {
    if (details != null) {
      request.setAttribute(JettyErrors.DETAILS, new LinkedHashMap<>(details));
    }
    Response.writeError(request, response, callback, status, message);
    return true;
  }
}
