package dev.descent.web.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.tracking.Workspace;
import dev.descent.web.Browser;
import dev.descent.web.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A run logged through the MLflow Java client is drawn on its descent dashboard page, in real Chromium. */
class MlflowBrowserTest {
  @TempDir
  Path dir;

  @Test
  void a_run_logged_through_mlflow_is_drawn_on_its_dashboard_page() throws Exception {
    assumeTrue(Browser.available() || "true".equals(System.getenv("CI")), Browser.MISSING);
    try (Workspace ws = Workspace.open(dir.resolve("store").toString(), null, Clock.systemUTC());
        WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start();
        MlflowClient client = new MlflowClient(server.url())) {
      String run = client.createRun(client.createExperiment("from-pytorch")).getRunId();
      List<Service.Metric> points = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        points.add(Service.Metric.newBuilder().setKey("val_loss").setValue(2.0 / (step + 1))
            .setTimestamp(1_700_000_000_000L + step).setStep(step * 10L).build());
      }
      client.logBatch(run, points, List.of(), List.of());
      client.setTerminated(run);
      ChromeDriver driver = Browser.start(Files.createDirectories(dir.resolve("profile")));
      try {
        driver.get(server.url() + "/runs/" + run);
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .until(d -> !d.findElements(By.cssSelector("#charts canvas")).isEmpty());
        Boolean drawn = (Boolean) driver.executeScript("const c = document.querySelector('#charts canvas');"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;");
        assertTrue(drawn, "the chart canvas has pixels");
        String legend = (String) driver.executeScript("return document.querySelector('#charts').textContent");
        assertTrue(legend.contains("val_loss"), legend);
        // drawn against its steps: the history the page charts has the steps as x, up to the last, 390
        Object lastX = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "fetch('/api/runs/" + run + "').then(r => r.json()).then(j => { const h = j.history.val_loss;"
            + " done(h.length + ':' + h[h.length - 1][0]); });");
        assertEquals("40:390", lastX);
        assertEquals("from-pytorch", ws.store().get(run).orElseThrow().experiment());
      } finally {
        driver.quit();
      }
    }
  }
}
