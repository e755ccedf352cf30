package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.tracking.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * DNS rebinding in a real browser: Chromium resolves evil.example to 127.0.0.1 (as a rebinding attacker's DNS
 * would, after the page has loaded), so a page at http://evil.example:PORT is same-origin with the dashboard.
 * The server must still refuse it, and a script on that page must read nothing and change nothing.
 */
class RebindingBrowserTest {
  @TempDir
  Path dir;

  @Test
  void a_page_whose_name_rebinds_to_loopback_gets_403_and_its_script_reads_and_writes_nothing() throws Exception {
    assumeTrue(Browser.available() || Browser.required(), Browser.MISSING);
    try (Workspace ws = TestRuns.open(dir.resolve("store"))) {
      TestRuns.fill(ws.store());
      ws.sync();
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        ChromeDriver driver = Browser.start(Files.createDirectories(dir.resolve("profile")),
            "--host-resolver-rules=MAP evil.example 127.0.0.1");
        try {
          String evil = "http://evil.example:" + server.port();
          driver.get(evil + "/");
          String page = driver.findElement(By.tagName("body")).getText();
          assertTrue(page.contains("\"error_code\":\"FORBIDDEN\""), page);
          assertFalse(page.contains("cell-adam"), page);

          @SuppressWarnings("unchecked")
          Map<String, Object> read = (Map<String, Object>) driver.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
              + "fetch('/api/runs').then(async r => done({status: r.status, body: await r.text()}))"
              + ".catch(e => done({status: -1, body: String(e)}));");
          assertEquals(403L, read.get("status"), read.toString());
          assertFalse(read.get("body").toString().contains("cell-adam"), read.toString());

          @SuppressWarnings("unchecked")
          Map<String, Object> write = (Map<String, Object>) driver.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
              + "fetch('/api/runs/cell-adam-0.01/tags', {method: 'POST', headers: {'Content-Type': 'application/json'},"
              + " body: JSON.stringify({tag: 'rebound'})}).then(r => done({status: r.status}))"
              + ".catch(e => done({status: -1, error: String(e)}));");
          assertEquals(403L, write.get("status"), write.toString());
          assertEquals(Set.of(), ws.store().get("cell-adam-0.01").orElseThrow().tags());

          driver.get(server.url() + "/");
          List<?> rows = (List<?>) driver.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
              + "fetch('/api/runs').then(r => r.json()).then(j => done(j.runs.map(r => r.id)));");
          assertTrue(rows.contains("cell-adam-0.01"), "the dashboard's own name still works: " + rows);
        } finally {
          driver.quit();
        }
      }
    }
  }
}
