package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.Json;
import dev.descent.core.store.RunLabels;
import dev.descent.core.tracking.Workspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server does with requests at the edges of HTTP and JSON: too large, too long, malformed, strange
 * methods, trailing garbage, duplicate keys, and tags and notes the store's rules refuse. Every answer has the
 * JSON error shape and nothing is written.
 */
class HttpEdgesTest {
  static final String RUN = "edge-run";
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
    TestRuns.add(ws.store(), RUN, TestRuns.T0);
    ws.store().setNote(RUN, "original note");
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

  RawHttp.Reply send(String method, String path, String body, String... headers) throws Exception {
    return RawHttp.send(port, method, path, own, body, headers);
  }

  void assertUnchanged() {
    assertEquals(Set.of(), ws.store().get(RUN).orElseThrow().tags());
    assertEquals("original note", ws.store().get(RUN).orElseThrow().note());
  }

  @Test
  void a_body_over_one_megabyte_is_413_whether_its_length_is_declared_or_chunked() throws Exception {
    String big = Json.write(Map.of("note", "x".repeat(10_000_000)));
    GuardTest.assertError(413, "TOO_LARGE", send("PUT", "/api/runs/" + RUN + "/note", big, JSON));
    String head = "PUT /api/runs/" + RUN + "/note HTTP/1.1\r\nHost: " + own + "\r\n" + JSON
        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    byte[] piece = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    chunked.write("a\r\n{\"note\": \"\r\n".getBytes(StandardCharsets.US_ASCII)); // 0xa = the 10 bytes {"note": "
    for (int i = 0; i < 32; i++) {
      chunked.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(piece);
      chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.write("2\r\n\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    RawHttp.Reply r = RawHttp.exchange(port, head.getBytes(StandardCharsets.US_ASCII), chunked.toByteArray());
    GuardTest.assertError(413, "TOO_LARGE", r);
    assertUnchanged();
    String fits = Json.write(Map.of("note", "y".repeat(RunLabels.MAX_NOTE)));
    assertEquals(200, send("PUT", "/api/runs/" + RUN + "/note", fits, JSON).status());
  }

  @Test
  void jetty_own_errors_have_the_json_shape() throws Exception {
    GuardTest.assertError(414, "URI_TOO_LONG", send("GET", "/api/runs?q=" + "a".repeat(100_000), null));
    for (String path : List.of("/api/runs/%00", "/api/runs/%zz", "/api/runs/%", "/runs/%E0%A4%A", "/api/runs/a%00b/tags")) {
      RawHttp.Reply r = send("GET", path, null);
      GuardTest.assertError(400, "INVALID_INPUT", r);
      assertFalse(r.body().contains("<html"), r::toString);
    }
    GuardTest.assertError(404, "NOT_FOUND", send("GET", "/no/such/page", null));
    for (String path : List.of("/api/runs/..%2F..%2Fetc", "/api/runs/%2e%2e/%2e%2e/", "/static/..%5c..%5cpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd", "//api//runs", "/api/runs;jsessionid=x", "/%u0041", "/api/runs/%C0%AE",
        "/static/../../etc/passwd", "/api/runs?q=%zz", "/api/runs/" + RUN + "/artifacts/..%2F..%2Fruns.db")) {
      RawHttp.Reply r = send("GET", path, null);
      assertTrue(r.status() < 500, path + ": " + r);
      if (r.status() >= 400) {
        assertTrue(r.json().containsKey("error_code"), path + ": " + r);
      }
      assertFalse(r.body().contains("SQLite format"), path + ": " + r);
    }
  }

  @Test
  void bodies_with_trailing_garbage_duplicate_keys_or_no_object_are_refused() throws Exception {
    String tags = "/api/runs/" + RUN + "/tags";
    for (String body : List.of("{\"tag\": \"a\"} xyz", "{\"tag\": \"a\"}{\"tag\": \"b\"}", "{\"tag\": \"a\"}]",
        "{\"tag\": \"a\", \"tag\": \"b\"}", "", "null", "[\"a\"]", "\"a\"", "{\"tag\": 5}", "{\"tag\": null}",
        "{\"tag\": [\"a\"]}", "{\"tag\": \"a\"", "[".repeat(5000), "{\"tag\": \"\\ud800\"}")) {
      RawHttp.Reply r = send("POST", tags, body, JSON);
      GuardTest.assertError(400, "INVALID_INPUT", r);
    }
    RawHttp.Reply dup = send("PUT", "/api/runs/" + RUN + "/note", "{\"note\": \"a\", \"note\": \"b\"}", JSON);
    assertTrue(dup.json().get("message").toString().contains("Duplicate field 'note'"), dup::toString);
    assertUnchanged();
    assertEquals(201, send("POST", tags, " {\"tag\": \"ok\"} \n", JSON).status(), "whitespace after the body is fine");
  }

  @Test
  void tags_and_notes_the_rules_refuse_get_400_with_the_store_s_message() throws Exception {
    String tags = "/api/runs/" + RUN + "/tags";
    for (String tag : List.of("", " ", "two words", "a\u0000b", "\u001b[31mred", "a\u202eb", "a\u200bb", "\ufeffa",
        "a\u00a0b", "a\u0085b", "a\u007fb", "x".repeat(101), "a\u2066b", "a\u061cb")) {
      RawHttp.Reply r = send("POST", tags, Json.write(Map.of("tag", tag)), JSON);
      GuardTest.assertError(400, "INVALID_INPUT", r);
      String expected = message(() -> RunLabels.tag(tag));
      assertEquals(expected, r.json().get("message"), "the API says what the store (and the CLI) says");
    }
    for (String note : List.of("x".repeat(RunLabels.MAX_NOTE + 1), "a\u0000b", "bell\u0007", "esc\u001b[2J")) {
      RawHttp.Reply r = send("PUT", "/api/runs/" + RUN + "/note", Json.write(Map.of("note", note)), JSON);
      GuardTest.assertError(400, "INVALID_INPUT", r);
      assertEquals(message(() -> RunLabels.note(note)), r.json().get("message"));
    }
    assertUnchanged();
    String multiline = "line one\nline\ttwo\r\n\u05e9\u05dc\u05d5\u05dd \u202bembedded\u202c";
    assertEquals(200, send("PUT", "/api/runs/" + RUN + "/note", Json.write(Map.of("note", multiline)), JSON).status());
    assertEquals(multiline, ws.store().get(RUN).orElseThrow().note());
    assertEquals(201, send("POST", tags, Json.write(Map.of("tag", "\u00e9t\u00e9/\u65e5\u672c")), JSON).status());
  }

  @Test
  void a_tag_stored_before_the_rules_can_still_be_removed() throws Exception {
    ws.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
        PreparedStatement ps = c.prepareStatement("UPDATE runs SET tags = ? WHERE id = ?")) {
      ps.setString(1, Json.write(List.of("a\u0000b", "c/d", "e\u202ef", "two words")));
      ps.setString(2, RUN);
      assertEquals(1, ps.executeUpdate());
    }
    server.close();
    ws = TestRuns.open(dir);
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
    port = server.port();
    own = "127.0.0.1:" + port;
    String tags = "/api/runs/" + RUN + "/tags";
    assertEquals(200, send("DELETE", tags + "?tag=a%00b", null).status());
    assertEquals(200, send("DELETE", tags + "?tag=c%2Fd", null).status());
    assertEquals(200, send("DELETE", tags + "/e%E2%80%AEf", null).status());
    assertEquals(200, send("DELETE", tags + "/two%20words", null).status());
    assertEquals(Set.of(), ws.store().get(RUN).orElseThrow().tags());
    RawHttp.Reply absent = send("DELETE", tags + "?tag=gone", null);
    GuardTest.assertError(404, "NOT_FOUND", absent);
    GuardTest.assertError(400, "INVALID_INPUT", send("DELETE", tags, null));
  }

  static String message(Runnable r) {
    try {
      r.run();
    } catch (DescentException e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }
}
