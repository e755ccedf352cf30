package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.Json;
import dev.descent.core.store.Run;
import dev.descent.core.tracking.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's guard against foreign web pages, over a raw socket (the JDK clients will not send a foreign Host):
 * DNS rebinding (Host), cross-site writes (Origin, Content-Type), methods, and the protective headers.
 */
class GuardTest {
  static final String RUN = "guarded-run";
  static final String JSON = "Content-Type: application/json";

  @TempDir
  Path dir;

  Workspace ws;
  WebServer server;
  int port;
  String own;

  @BeforeEach
  void start() {
    ws = TestRuns.open(dir);
    TestRuns.fill(ws.store());
    TestRuns.add(ws.store(), RUN, TestRuns.T0.plusSeconds(9000));
    ws.store().addTag(RUN, "keep");
    ws.store().setNote(RUN, "original note");
    ws.artifacts().save(RUN, new float[] {1f, 2f});
    ws.sync();
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
    port = server.port();
    own = "127.0.0.1:" + port;
  }

  @AfterEach
  void stop() {
    server.close();
    ws.close();
  }

  RawHttp.Reply send(String method, String path, String host, String body, String... headers) throws Exception {
    return RawHttp.send(port, method, path, host, body, headers);
  }

  static void assertError(int status, String code, RawHttp.Reply r) {
    assertEquals(status, r.status(), r::toString);
    assertTrue(r.header("Content-Type").startsWith("application/json"), r::toString);
    Map<String, Object> body = r.json();
    assertEquals(code, body.get("error_code"), r::toString);
    assertTrue(body.get("message") instanceof String m && !m.isBlank(), r::toString);
    assertTrue(body.containsKey("details"), r::toString);
  }

  void assertUnchanged() {
    Run run = ws.store().get(RUN).orElseThrow();
    assertEquals(Set.of("keep"), run.tags());
    assertEquals("original note", run.note());
  }

  @Test
  void a_foreign_or_empty_host_is_refused_on_every_path_and_changes_nothing() throws Exception {
    for (String host : List.of("evil.example:" + port, "10.0.0.5", "evil.example", "127.0.0.1.evil.example:" + port,
        "")) {
      for (String[] req : new String[][] {
          {"GET", "/api/runs"}, {"GET", "/api/runs/" + RUN}, {"GET", "/api/runs/" + RUN + "/artifacts"},
          {"GET", "/api/runs/" + RUN + "/artifacts/weights.f32"}, {"GET", "/"}, {"GET", "/runs/" + RUN},
          {"GET", "/static/common.js"}, {"GET", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"},
          {"DELETE", "/api/runs/" + RUN + "/tags/keep"}, {"DELETE", "/api/runs/" + RUN + "/tags?tag=keep"}}) {
        assertError(403, "FORBIDDEN", send(req[0], req[1], host, null));
      }
      assertError(403, "FORBIDDEN", send("POST", "/api/runs/" + RUN + "/tags", host, "{\"tag\": \"evil\"}", JSON));
      assertError(403, "FORBIDDEN", send("PUT", "/api/runs/" + RUN + "/note", host, "{\"note\": \"pwned\"}", JSON));
    }
    assertError(403, "FORBIDDEN", send("GET", "/api/runs", null, null));
    assertUnchanged();
    RawHttp.Reply r = send("GET", "/api/runs", "evil.example:" + port, null);
    assertTrue(r.json().get("message").toString().contains("--allowed-hosts"), r::toString);
    assertFalse(r.body().contains(RUN), "no run data leaks into the refusal");
  }

  @Test
  void the_loopback_names_are_answered_with_or_without_port() throws Exception {
    for (String host : List.of(own, "127.0.0.1", "localhost:" + port, "LocalHost", "[::1]:" + port, "[::1]")) {
      assertEquals(200, send("GET", "/api/runs/" + RUN, host, null).status(), host);
    }
    for (String host : List.of("localhost:notaport", "[::1", "127.0.0.1:" + port + ":1", "127.0.0.1 x")) {
      RawHttp.Reply r = send("GET", "/api/runs", host, null);
      assertTrue(r.status() == 400 || r.status() == 403, host + ": " + r);
      assertTrue(r.json().containsKey("error_code"), r::toString);
    }
  }

  @Test
  void allowed_hosts_add_names_and_nothing_else() throws Exception {
    try (WebServer lab = new WebServer(ws, "127.0.0.1", 0, null, List.of("descent.lab", " gpu-box ")).start()) {
      int p = lab.port();
      assertEquals(200, RawHttp.send(p, "GET", "/api/runs", "descent.lab:" + p, null).status());
      assertEquals(200, RawHttp.send(p, "GET", "/", "GPU-BOX", null).status());
      assertEquals(200, RawHttp.send(p, "GET", "/api/runs", "localhost:" + p, null).status());
      assertEquals(403, RawHttp.send(p, "GET", "/api/runs", "evil.example:" + p, null).status());
      assertEquals(403, RawHttp.send(p, "GET", "/api/runs", "lab:" + p, null).status());
    }
  }

  @Test
  void names_answered_follow_the_bound_address() {
    assertEquals(List.of("127.0.0.1", "localhost", "[::1]"), new AllowedHosts("127.0.0.1", List.of()).names());
    assertEquals(List.of("127.0.0.1", "localhost", "[::1]", "0.0.0.0", "box.example"),
        new AllowedHosts("0.0.0.0", List.of("box.example")).names());
    assertTrue(new AllowedHosts("::", List.of()).allows("[::]:7070"));
    AllowedHosts lan = new AllowedHosts("192.168.1.5", List.of("box.example"));
    assertEquals(List.of("192.168.1.5", "box.example"), lan.names());
    assertTrue(lan.allows("192.168.1.5:7070"));
    assertFalse(lan.allows("localhost:7070"), "bound to a LAN address only, the server is not on loopback");
    assertTrue(new AllowedHosts("::1", List.of()).allows("[::1]:7070"));
    assertFalse(new AllowedHosts("127.0.0.1", List.of()).allows(null));
  }

  @Test
  void writes_from_a_foreign_or_null_origin_are_refused_own_origin_accepted() throws Exception {
    String tags = "/api/runs/" + RUN + "/tags";
    for (String origin : List.of("http://evil.example", "null", "http://evil.example:" + port,
        "http://127.0.0.1:" + (port == 1 ? 2 : port - 1), "http://localhost:" + port, "file://", "")) {
      assertError(403, "FORBIDDEN", send("POST", tags, own, "{\"tag\": \"x\"}", JSON, "Origin: " + origin));
      assertError(403, "FORBIDDEN", send("PUT", "/api/runs/" + RUN + "/note", own, "{\"note\": \"x\"}", JSON,
          "Origin: " + origin));
      assertError(403, "FORBIDDEN", send("DELETE", tags + "/keep", own, null, "Origin: " + origin));
    }
    assertUnchanged();
    assertEquals(201, send("POST", tags, own, "{\"tag\": \"mine\"}", JSON, "Origin: http://" + own).status());
    assertEquals(200, send("DELETE", tags + "/mine", own, null, "Origin: http://" + own).status());
    assertEquals(201, send("POST", tags, "localhost:" + port, "{\"tag\": \"local\"}", JSON,
        "Origin: http://localhost:" + port).status());
    assertEquals(Set.of("keep", "local"), ws.store().get(RUN).orElseThrow().tags());
    assertEquals(200, send("GET", "/api/runs", own, null, "Origin: http://evil.example").status(),
        "reads need no Origin check: the Host check already keeps foreign pages out and CORS keeps their reads");
  }

  @Test
  void content_type_must_be_exactly_json() throws Exception {
    String note = "/api/runs/" + RUN + "/note";
    for (String type : List.of("application/jsonx", "application/json-patch+json", "text/plain",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/json; boundary=x",
        "application/json;charset=utf-8;x=y", "multipart/form-data; boundary=application/json")) {
      assertError(415, "UNSUPPORTED_MEDIA_TYPE", send("PUT", note, own, "{\"note\": \"x\"}", "Content-Type: " + type));
    }
    assertError(415, "UNSUPPORTED_MEDIA_TYPE", send("PUT", note, own, "{\"note\": \"x\"}"));
    assertUnchanged();
    for (String type : List.of("application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"")) {
      assertEquals(200, send("PUT", note, own, Json.write(Map.of("note", type)), "Content-Type: " + type).status(), type);
      assertEquals(type, ws.store().get(RUN).orElseThrow().note());
    }
  }

  @Test
  void patch_trace_and_options_are_405_with_allow() throws Exception {
    for (String method : List.of("PATCH", "TRACE", "OPTIONS")) {
      RawHttp.Reply r = send(method, "/api/runs/" + RUN + "/tags", own, method.equals("PATCH") ? "{\"tag\":\"p\"}" : null,
          JSON);
      assertError(405, "METHOD_NOT_ALLOWED", r);
      assertEquals("GET, HEAD, POST, PUT, DELETE", r.header("Allow"), r::toString);
    }
    assertUnchanged();
  }

  @Test
  void pages_static_files_and_api_carry_the_protective_headers() throws Exception {
    for (String path : List.of("/", "/runs/" + RUN, "/compare?ids=" + RUN, "/static/run.js", "/api/runs",
        "/api/runs/" + RUN + "/artifacts/weights.f32", "/api/nope")) {
      RawHttp.Reply r = send("GET", path, own, null);
      assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
      assertEquals("no-referrer", r.header("Referrer-Policy"), path);
      String csp = r.header("Content-Security-Policy");
      assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-eval") || csp.contains("script-src 'self' 'unsafe-inline'"), csp);
    }
    RawHttp.Reply refused = send("GET", "/", "evil.example", null);
    assertEquals("nosniff", refused.header("X-Content-Type-Options"));
  }
}
