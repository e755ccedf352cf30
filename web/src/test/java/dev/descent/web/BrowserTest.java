package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The pages in real headless Chromium against a real server and store. */
class BrowserTest extends ServedPageTest {
  @Override
  Workspace fill(Path dir) {
    Workspace opened = TestRuns.open(dir.resolve("store"));
    TestRuns.fill(opened.store());
    return opened;
  }

  @Override
  Duration patience() {
    return Duration.ofSeconds(10);
  }

  List<String> rowIds() {
    // One script call: the page replaces its rows every 2 s, so element handles would go stale.
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) driver.executeScript(
        "return [...document.querySelectorAll('#runs tbody tr')].map(r => r.dataset.id);");
    return ids;
  }

  void waitForRows(int n) {
    wait.until(d -> rowIds().size() == n);
  }

  /**
   * Clicks what {@code by} finds, finding it again if a live refresh (every 2 s) replaced the element
   * between finding and clicking.
   */
  private void click(By by) {
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(by).click();
      return true;
    });
  }

  @Test
  void runs_page_lists_runs_with_status_badges() throws Exception {
    open("/?q=" + URLEncoder.encode("sweep:" + TestRuns.SWEEP + " OR experiment:fashion-mlp", StandardCharsets.UTF_8));
    waitForRows(6);
    assertTrue(driver.findElement(By.id("total")).getText().contains("of 6 runs"));
    assertEquals(1, driver.findElements(By.cssSelector("#runs .badge.status-diverged")).size());
    Browser.screenshot(driver, "runs.png");
  }

  @Test
  void the_column_chooser_hides_a_param_column() {
    open("/?q=optimizer:adam");
    waitForRows(3);
    click(By.cssSelector("#columns summary"));
    click(By.cssSelector("#column-list input[data-column=seed]"));
    wait.until(d -> d.findElements(By.cssSelector("th[data-field=seed]")).isEmpty());
    click(By.cssSelector("#column-list input[data-column=seed]"));
    wait.until(d -> d.findElements(By.cssSelector("th[data-field=seed]")).size() == 1);
  }

  @Test
  void compare_takes_a_query_too() {
    open("/?q=" + URLEncoder.encode("optimizer:sgd AND learning_rate<0.05", StandardCharsets.UTF_8));
    waitForRows(2);
    click(By.id("compare-search"));
    wait.until(d -> "Compare 2 runs".equals(d.findElement(By.id("title")).getText()));
    assertTrue(driver.getCurrentUrl().contains("/compare?q=optimizer%3Asgd"), driver.getCurrentUrl());
  }

  @Test
  void search_filters_and_shows_a_bad_query_inline() {
    open("/");
    wait.until(d -> rowIds().size() >= 7);
    WebElement q = driver.findElement(By.id("q"));
    q.clear();
    q.sendKeys("optimizer:sgd");
    click(By.id("search"));
    waitForRows(3);
    assertTrue(driver.getCurrentUrl().contains("q=optimizer%3Asgd"), driver.getCurrentUrl());
    q.clear();
    q.sendKeys("optimizer:(sgd");
    click(By.id("search"));
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-error")));
    assertTrue(error.getText().contains("column"), error.getText());
  }

  @Test
  void clicking_a_header_sorts_on_the_server_and_again_reverses() {
    open("/?q=optimizer:adam");
    waitForRows(3);
    click(By.cssSelector("th[data-field=learning_rate]"));
    wait.until(d -> d.getCurrentUrl().contains("sort=learning_rate%3Aasc")
        && rowIds().equals(List.of("cell-adam-0.001", "cell-adam-0.01", "cell-adam-0.1")));
    click(By.cssSelector("th[data-field=learning_rate]"));
    wait.until(d -> rowIds().equals(List.of("cell-adam-0.1", "cell-adam-0.01", "cell-adam-0.001")));
  }

  @Test
  void run_page_draws_train_and_validation_on_one_chart() throws Exception {
    open("/runs/cell-adam-0.001");
    wait.until(d -> d.findElements(By.cssSelector("#charts canvas")).size() >= 2);
    Boolean drawn = (Boolean) driver.executeScript("const c = document.querySelector('#charts canvas');"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;");
    assertTrue(drawn, "the chart canvas has pixels");
    String lossLegend = (String) driver.executeScript("return [...document.querySelectorAll('.chart')]"
        + ".find(c => c.querySelector('.u-title').textContent === 'loss').querySelector('.u-legend').textContent");
    assertTrue(lossLegend.contains("train_loss") && lossLegend.contains("val_loss"), lossLegend);
    Browser.screenshot(driver, "run.png");

    click(By.cssSelector(".chart-log input[data-chart=loss]"));
    wait.until(d -> script("const c = [...document.querySelectorAll('.chart.log')];"
        + "return c.length === 1 && c[0].querySelectorAll('.uplot').length === 1"
        + " && c[0].querySelector('.u-title').textContent === 'loss'"
        + " && c[0].querySelector('.u-legend').textContent.includes('val_loss')").equals(Boolean.TRUE));
  }

  @Test
  void compare_overlays_runs_and_can_show_only_differences() throws Exception {
    open("/compare?ids=cell-adam-0.001,cell-sgd-0.001");
    wait.until(d -> d.findElements(By.cssSelector("#params tr[data-param]")).size() == 3);
    wait.until(d -> d.findElements(By.cssSelector("#charts .chart canvas")).size() >= 3);
    String legend = driver.findElement(By.cssSelector("#charts .u-legend")).getText();
    assertTrue(legend.contains("cell-adam-0.001") && legend.contains("cell-sgd-0.001"), legend);
    click(By.id("only-diff"));
    wait.until(d -> d.findElements(By.cssSelector("#params tr[data-param]")).size() == 1);
    assertEquals("optimizer", driver.findElement(By.cssSelector("#params tr[data-param]")).getAttribute("data-param"));
    Browser.screenshot(driver, "compare.png");
  }

  /** What a script returns, read in one call: the compare page redraws every 2 s. */
  @SuppressWarnings("unchecked")
  <T> T script(String js) {
    return (T) driver.executeScript(js);
  }

  @Test
  void compare_draws_parallel_coordinates_and_groups_runs_with_mean_and_std() throws Exception {
    open("/compare?q=" + URLEncoder.encode("sweep:" + TestRuns.SWEEP, StandardCharsets.UTF_8)
        + "&sort=start_time:asc&group=optimizer");
    wait.until(d -> script("return document.querySelectorAll('#parallel-plot polyline[data-run]').length")
        .equals(6L));
    assertEquals(List.of("optimizer", "learning_rate", "val_accuracy"),
        script("return [...document.querySelectorAll('#parallel-plot .pc-axis')].map(a => a.dataset.axis)"));
    assertTrue(this.<String>script("return document.querySelector('.pc-axis[data-axis=learning_rate] .pc-name')"
        + ".textContent").contains("(log)"));
    assertEquals(List.of("adam", "sgd"), script("return [...document.querySelectorAll("
        + "'.pc-axis[data-axis=optimizer] text:not(.pc-name)')].map(t => t.textContent)"));
    assertEquals(List.of("cell-sgd-0.1"),
        script("return [...document.querySelectorAll('polyline.pc-none')].map(l => l.dataset.run)"));
    // best val_accuracy per adam run: 0.71667, 0.76667, 0.71667 (TestRuns); sgd's third run diverged
    assertEquals(List.of("optimizer=adam|3|0.7333 \u00b1 0.02887", "optimizer=sgd|3|0.6417 \u00b1 0.03536 (2 scored)"),
        script("return [...document.querySelectorAll('#groups tr[data-group]')]"
            + ".map(r => [...r.cells].map(c => c.textContent).join('|'))"));
    wait.until(d -> this.<String>script("return [...document.querySelectorAll('#charts .u-legend')]"
        + ".map(l => l.innerText).join(' ')").contains("optimizer=adam (3)"));
    long hiddenEdges = script("return document.querySelectorAll('#charts .u-legend .u-series.hidden').length");
    long charts = script("return document.querySelectorAll('#charts .chart').length");
    assertEquals(4 * charts, hiddenEdges, "two band edges per group per chart, kept out of the legend");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
    Browser.screenshot(driver, "compare-grouped.png");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("group-by"))).selectByValue("");
    wait.until(d -> !d.getCurrentUrl().contains("group=") && this.<String>script(
        "return [...document.querySelectorAll('#charts .u-legend')].map(l => l.innerText).join(' ')")
        .contains("cell-adam-0.01"));
    assertTrue(this.<Boolean>script("return document.getElementById('groups').classList.contains('hidden')"));
  }

  @Test
  void sweep_page_shows_the_heatmap_with_diverged_and_best_cells() throws Exception {
    open("/sweeps/" + TestRuns.SWEEP);
    wait.until(d -> d.findElements(By.cssSelector("#heatmap td[data-optimizer]")).size() == 6);
    WebElement diverged = driver.findElement(By.cssSelector("#heatmap td[data-optimizer=sgd][data-lr='0.1']"));
    assertTrue(diverged.getAttribute("class").contains("diverged"));
    List<WebElement> best = driver.findElements(By.cssSelector("#heatmap td.best"));
    assertEquals(3, best.size());
    assertEquals("adam", best.get(0).getAttribute("data-optimizer"));
    assertTrue(driver.findElement(By.id("objective")).getText().contains("val_accuracy"));
    Browser.screenshot(driver, "sweep.png");
    click(By.id("compare-cells"));
    wait.until(d -> script("return document.querySelectorAll('#parallel-plot polyline[data-run]').length")
        .equals(6L));
    assertEquals("val_accuracy", driver.findElement(By.id("objective")).getAttribute("value"));
  }

  @Test
  void a_heatmap_cell_is_the_best_setting_of_the_other_axes_averaged_over_seeds() {
    TestRuns.fillSeeded(ws.store());
    open("/sweeps/" + TestRuns.SEEDED_SWEEP);
    By cell = By.cssSelector("#heatmap td[data-optimizer=adagrad]");
    wait.until(d -> d.findElements(cell).size() == 1);
    WebElement td = driver.findElement(cell);
    assertTrue(td.getText().startsWith("0.96"), "batch 128's mean over seeds 1 and 2: " + td.getText());
    assertTrue(td.getAttribute("title").contains("best of 2 settings over 2 seeds"), td.getAttribute("title"));
    assertTrue(td.getAttribute("title").contains("seeded-b128-s1") && !td.getAttribute("title").contains("b32"));
  }

  @Test
  void the_run_page_offers_the_kept_weights_for_download() {
    TestRuns.add(ws.store(), "kept-run", "kept", TestRuns.T0.plusSeconds(20_000));
    ws.artifacts().save("kept-run", new float[] {1f, 2f});
    open("/runs/kept-run");
    wait.until(d -> d.findElements(By.cssSelector("#files li[data-file] a[download]")).size() == 2);
    WebElement weights = driver.findElement(By.cssSelector("#files li[data-file='weights.f32'] a"));
    assertTrue(weights.getAttribute("href").endsWith("/api/runs/kept-run/artifacts/weights.f32"));
    assertTrue(driver.findElement(By.id("files")).getText().contains("8 bytes"));
  }

  @Test
  void many_runs_get_a_colour_each_and_the_line_under_the_cursor_named_instead_of_a_legend() {
    for (int i = 0; i < 12; i++) {
      String id = "many-" + i;
      Instant start = TestRuns.T0.plusSeconds(30_000 + i);
      ws.store().create(new NewRun(id, "many-runs", null, Map.of(), Map.of("optimizer", "adadelta", "learning_rate",
          0.001 * (i + 1)), Map.of(), Set.of(), start));
      for (int e = 1; e <= 3; e++) {
        ws.store().logMetrics(id, List.of(new MetricPoint("val_accuracy", e, 0.05 * i + 0.1 * e)), start);
      }
      ws.store().finish(id, RunStatus.FINISHED, Map.of(), null, null, start.plusSeconds(5));
    }
    open("/compare?q=experiment:many-runs&limit=100");
    wait.until(d -> d.findElements(By.cssSelector("#charts .chart-readout")).size() == 1);
    assertTrue(driver.findElements(By.cssSelector("#charts .u-legend")).isEmpty(), "no legend for 12 lines");
    // the pointer at the top right: epoch 3 of the best run, many-11 (0.05 * 11 + 0.3)
    driver.executeScript("const o = document.querySelector('#charts .u-over'); const r = o.getBoundingClientRect();"
        + "o.dispatchEvent(new MouseEvent('mouseenter', {clientX: r.right - 2, clientY: r.top + 2, bubbles: true}));"
        + "o.dispatchEvent(new MouseEvent('mousemove', {clientX: r.right - 2, clientY: r.top + 2, bubbles: true}));");
    wait.until(d -> d.findElement(By.cssSelector("#charts .chart-readout")).getText().startsWith("many-11: 0.85"));
  }

  @Test
  void tags_and_note_are_edited_from_the_run_page() {
    open("/runs/cell-adam-0.1");
    wait.until(d -> d.findElements(By.cssSelector("#params tr")).size() == 3);
    driver.findElement(By.id("tag-input")).sendKeys("picked");
    click(By.id("add-tag"));
    wait.until(d -> d.findElements(By.cssSelector("#tags .tag[data-tag=picked]")).size() == 1);
    driver.findElement(By.id("note")).sendKeys("too high a rate");
    click(By.id("save-note"));
    wait.until(d -> "saved".equals(d.findElement(By.id("note-status")).getText()));
    assertEquals("too high a rate", ws.store().get("cell-adam-0.1").orElseThrow().note());
    click(By.cssSelector("#tags .tag[data-tag=picked] button"));
    wait.until(d -> d.findElements(By.cssSelector("#tags .tag")).isEmpty());
    assertTrue(ws.store().get("cell-adam-0.1").orElseThrow().tags().isEmpty());
  }

  @Test
  void a_run_written_while_the_page_is_open_appears_without_reload() {
    open("/?q=experiment:late-arrival");
    wait.until(d -> d.findElement(By.id("total")).getText().contains("No runs"));
    driver.executeScript("window.__marker = 'same page';");
    TestRuns.add(ws.store(), "late-run", TestRuns.T0.plusSeconds(3600));
    wait.until(d -> rowIds().contains("late-run"));
    assertEquals("same page", driver.executeScript("return window.__marker;"));
  }

  @Test
  void an_open_compare_page_takes_in_runs_as_they_arrive() {
    open("/compare?q=experiment:late-compare");
    wait.until(d -> "Compare 0 runs".equals(d.findElement(By.id("title")).getText()));
    driver.executeScript("window.__marker = 'same page';");
    TestRuns.add(ws.store(), "late-compare-1", "late-compare", TestRuns.T0.plusSeconds(7200));
    wait.until(d -> script("return [...document.querySelectorAll('#parallel-plot polyline')].map(l => l.dataset.run)")
        .equals(List.of("late-compare-1")));
    assertEquals("same page", driver.executeScript("return window.__marker;"));
  }

  @Test
  void payloads_in_tags_notes_params_and_errors_show_as_text() {
    open("/runs/" + TestRuns.XSS_RUN);
    wait.until(d -> d.findElements(By.cssSelector("#tags .tag")).size() == 2);
    assertEquals(List.of("\"onmouseover=\"alert(2)\"", TestRuns.SCRIPT), driver.findElements(By.cssSelector("#tags .tag"))
        .stream().map(e -> e.getAttribute("data-tag")).sorted().toList());
    assertTrue(driver.findElement(By.id("tags")).getText().contains(TestRuns.SCRIPT));
    assertTrue(driver.findElement(By.id("note")).getAttribute("value").contains(TestRuns.IMG));
    assertTrue(driver.findElement(By.id("run-error")).getText().contains(TestRuns.SCRIPT));
    assertTrue(driver.findElement(By.id("stack")).getText().contains(TestRuns.ATTR.trim()));
    assertTrue(driver.findElement(By.id("params")).getText().contains(TestRuns.ATTR.trim()));
    assertTrue(driver.findElement(By.id("title")).getText().contains(TestRuns.SCRIPT));
    assertNoInjection();
    open("/?q=" + URLEncoder.encode("id:\"" + TestRuns.XSS_RUN + "\" OR id:\"cell-adam-0.001\"", StandardCharsets.UTF_8));
    wait.until(d -> rowIds().contains(TestRuns.XSS_RUN));
    assertTrue(driver.findElement(By.id("runs")).getText().contains(TestRuns.SCRIPT));
    assertNoInjection();
    open("/compare?ids=" + TestRuns.XSS_RUN + ",cell-adam-0.001&group=comment");
    wait.until(d -> d.findElement(By.id("params")).getText().contains(TestRuns.ATTR.trim()));
    wait.until(d -> this.<String>script("return document.getElementById('parallel').textContent")
        .contains(TestRuns.SCRIPT));
    wait.until(d -> this.<String>script("return document.getElementById('groups').textContent")
        .contains("comment=" + TestRuns.ATTR));
    assertNoInjection();
  }

  /** Only the page's own scripts (uPlot and ours), no images or handler attributes from the data, and no alert. */
  void assertNoInjection() {
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    assertEquals(0L, driver.executeScript(
        "return document.querySelectorAll('script:not([src^=\"/static/\"]):not([src^=\"/webjars/\"])').length;"));
    assertTrue((Long) driver.executeScript("return document.querySelectorAll('script').length;") >= 3);
    assertEquals(0L, driver.executeScript("return document.querySelectorAll('img, [onmouseover], [onerror]').length;"));
  }
}
