package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.FlatParams;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.lrfind.LrFindRecord;
import dev.descent.core.lrfind.LrFindResult;
import dev.descent.core.lrfind.LrFinder;
import dev.descent.core.store.NewRun;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page of a run kept by {@code descent lr-find} draws loss against learning rate on a log axis. */
class LrFindBrowserTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void an_lr_find_run_page_draws_loss_against_a_log_learning_rate_axis_with_the_suggestion() throws Exception {
    assumeTrue(Browser.available() || Browser.required(), Browser.MISSING);
    Experiment e = TestExperiments.parse("""
        name: lr-moons
        dataset: {name: moons, samples: 2000, test_samples: 50}
        model:
          layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: adam, batch_size: 16, epochs: 1, seed: 1}
        """);
    LrFindResult r = new LrFinder(TestExperiments.PLUGINS).run(e, Datasets.load(e.dataset()).train(), 100, p -> { });
    try (Workspace ws = Workspace.open(dir.resolve("store").toString(), null, Clock.systemUTC())) {
      String id = "lrfind00000001";
      ws.store().create(new NewRun(id, e.name(), null, ResolvedConfig.of(e), FlatParams.of(e), Map.of(),
          Set.of(LrFindRecord.TAG), Instant.now()));
      ws.store().logMetrics(id, LrFindRecord.metrics(r), Instant.now());
      ws.store().setNote(id, LrFindRecord.note(r));
      ws.store().finish(id, RunStatus.FINISHED, Map.of(), null, null, Instant.now());
      ws.sync();
      try (WebServer server = new WebServer(ws, "127.0.0.1", 0, null).start()) {
        ChromeDriver driver = Browser.start(Files.createDirectories(dir.resolve("profile")));
        try {
          driver.get(server.url() + "/runs/" + id);
          new WebDriverWait(driver, Duration.ofSeconds(15)).until(d ->
              driver.executeScript("return document.querySelector('#lr-find-chart canvas') !== null").equals(true));
          assertEquals(String.valueOf(r.points().size()),
              driver.executeScript("return document.getElementById('lr-find-chart').dataset.points"));
          assertEquals(r.suggestion().lr(), Double.parseDouble((String) driver.executeScript(
              "return document.getElementById('lr-find-chart').dataset.suggested")), 0);
          String caption = (String) driver.executeScript("return document.getElementById('lr-find-suggestion')"
              + ".textContent");
          assertTrue(caption.startsWith("suggested learning rate ") && caption.contains("steepest descent"), caption);
          // a log x axis: each decade of learning rate takes the same width
          java.util.List<Number> x = (java.util.List<Number>) driver.executeScript("const u = document"
              + ".getElementById('lr-find-chart').lrFindPlot; return [1e-6, 1e-5, 1e-3, 1e-2].map(v => u.valToPos(v, 'x'))");
          double early = x.get(1).doubleValue() - x.get(0).doubleValue();
          double late = x.get(3).doubleValue() - x.get(2).doubleValue();
          assertTrue(early > 10, "a decade spans pixels: " + x);
          assertEquals(early, late, 0.5, "equal pixels per decade: " + x);
          Browser.screenshot(driver, "lr-find.png");
        } finally {
          driver.quit();
        }
      }
    }
  }
}
