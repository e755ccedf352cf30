package dev.descent.web;

import dev.descent.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, because the JDK's clients will not send the requests these tests need: a foreign
 * or empty {@code Host}, {@code Origin: null}, {@code %00} in the path, TRACE.
 */
final class RawHttp {
  record Reply(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return Json.mapper().readValue(body, Map.class);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code METHOD TARGET HTTP/1.1}, the given header lines (a null host leaves Host out), the body, and
   * reads the whole reply (the request says Connection: close).
   */
  static Reply send(int port, String method, String target, String host, String body, String... headerLines)
      throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    if (host != null) {
      head.append("Host: ").append(host).append("\r\n");
    }
    for (String h : headerLines) {
      head.append(h).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return exchange(port, head.toString().getBytes(StandardCharsets.ISO_8859_1), content);
  }

  /** Writes {@code head} then {@code body} exactly as given (e.g. chunked) and reads the whole reply. */
  static Reply exchange(int port, byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may answer (413) and close before the whole body is sent: read what it said
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    try {
      for (int n; (n = in.read(b)) >= 0; ) {
        buf.write(b, 0, n);
      }
    } catch (IOException e) {
      if (buf.size() == 0) {
        throw e;
      }
    }
    return buf.toByteArray();
  }

  private static Reply parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no HTTP reply: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Reply(status, headers, body);
  }

  private static String unchunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(s, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
