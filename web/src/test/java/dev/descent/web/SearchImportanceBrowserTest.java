package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A random search's sweep page: the API gives PED-ANOVA importance instead of an ANOVA, and the panel draws one
 * bar per parameter, as wide as its share, under the importance line.
 */
class SearchImportanceBrowserTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void the_sweep_page_of_a_search_draws_one_importance_bar_per_parameter() throws Exception {
    assumeTrue(Browser.available() || Browser.required(), Browser.MISSING);
    try (Workspace ws = TestRuns.open(dir)) {
      Instant t = Instant.parse("2026-11-30T10:00:00Z");
      ws.store().recordSweep(new SweepInfo("search01", "search", "val_accuracy", "max",
          List.of("learning_rate", "optimizer"), t));
      SplittableRandom random = new SplittableRandom(11);
      for (int i = 0; i < 30; i++) {
        double lr = Math.pow(10, random.nextDouble(-4, 0));
        String opt = random.nextBoolean() ? "adam" : "sgd";
        String id = "trial" + i;
        ws.store().create(new NewRun(id, "search", "search01", Map.of(), Map.of("learning_rate", lr, "optimizer", opt,
            "seed", 1L), Map.of(), Set.of(), t));
        double acc = 0.9 - 0.03 * Math.pow(Math.log10(lr) + 2.5, 2) + 0.002 * random.nextDouble();
        ws.store().logMetrics(id, List.of(new MetricPoint("val_accuracy", 1, acc)), t);
        ws.store().finish(id, RunStatus.FINISHED, Map.of(), null, null, t);
      }
      ws.sync();
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        ChromeDriver driver = Browser.start(Files.createDirectories(dir.resolve("profile")));
        try {
          driver.get(server.url() + "/sweeps/search01");
          WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
          wait.until(d -> ((Number) driver.executeScript(
              "return document.querySelectorAll('#anova-chart .anova-bar').length")).intValue() == 2);
          Map<String, Object> api = (Map<String, Object>) driver.executeScript(
              "return fetch('/api/sweeps/search01/analysis').then(r => r.json());");
          assertEquals(List.of(), api.get("anova"));
          List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("importance");
          assertEquals("learning_rate", rows.get(0).get("param"));
          List<Map<String, Object>> bars = (List<Map<String, Object>>) driver.executeScript(
              "return [...document.querySelectorAll('#anova-chart .anova-bar')].map(b => ({term: b.dataset.term,"
              + " width: b.querySelector('.anova-fill').getBoundingClientRect().width,"
              + " track: b.querySelector('.anova-track').getBoundingClientRect().width}))");
          for (int i = 0; i < rows.size(); i++) {
            double share = ((Number) rows.get(i).get("importance")).doubleValue();
            assertEquals(rows.get(i).get("param"), bars.get(i).get("term"));
            double drawn = ((Number) bars.get(i).get("width")).doubleValue()
                / ((Number) bars.get(i).get("track")).doubleValue();
            assertEquals(Math.max(0.005, share), drawn, 0.01, "bar width is the share");
          }
          String line = (String) driver.executeScript("return document.getElementById('anova-line').textContent");
          assertTrue(line.matches("learning_rate [<>]?\\d+%, optimizer [<>]?\\d+% \\(PED-ANOVA over the top 10% of 30"
              + " trials\\)"), line);
          assertEquals("PED-ANOVA over the top 10% of 30 trials",
              driver.executeScript("return document.getElementById('anova-method').textContent"));
          Browser.screenshot(driver, "sweep-importance.png");
        } finally {
          driver.quit();
        }
      }
    }
  }
}
