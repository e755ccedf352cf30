package dev.descent.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.tracking.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A store served by a real {@link WebServer} on loopback and read in headless Chromium, once per test class:
 * the set-up and tear-down every browser test of the dashboard shares. A subclass says what the store holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServedPageTest {
  /** Static so that it exists before {@code @BeforeAll}: one directory per test class, as the classes run one by one. */
  @TempDir
  static Path dir;

  Workspace ws;
  WebServer server;
  ChromeDriver driver;
  WebDriverWait wait;

  /** Opens the store under {@code dir} and fills it; called once, before the server starts. */
  abstract Workspace fill(Path dir) throws Exception;

  /** How long a wait for the page lasts: longer where the page computes more (a sweep's analysis). */
  Duration patience() {
    return Duration.ofSeconds(15);
  }

  @BeforeAll
  final void serve() throws Exception {
    assumeTrue(Browser.available() || Browser.required(), Browser.MISSING);
    ws = fill(dir);
    server = new WebServer(ws, "127.0.0.1", 0, null).start();
    driver = Browser.start(Files.createDirectories(dir.resolve("profile")));
    wait = new WebDriverWait(driver, patience());
  }

  @AfterAll
  final void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (ws != null) {
      ws.close();
    }
  }

  void open(String path) {
    driver.get(server.url() + path);
  }

  @SuppressWarnings("unchecked")
  <T> T script(String js) {
    return (T) driver.executeScript(js);
  }
}
