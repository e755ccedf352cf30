package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.sweep.SweepRunner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check of the dashboard's numbers and compare axes on a real sweep: a small grid trained by the
 * real SweepRunner into a temporary store (adam with amsgrad against adagrad, three learning rates, two seeds),
 * served and read in headless Chromium. adam's and adagrad's eps defaults differ (1e-8, 1e-10), and the switch
 * to adagrad drops amsgrad: neither is something the grid swept.
 */
class SweepBrowserTest extends SweepPageTest {
  private static final String GRID = """
      name: browser-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.25}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: {name: adam, learning_rate: 0.01, amsgrad: true}, batch_size: 32, epochs: 3, seed: 1}
      grid:
        optimizer: [adam, adagrad]
        learning_rate: [0.003, 0.03, 0.3]
      seeds: [1, 2]
      """;

  @Override
  String grid() {
    return GRID;
  }

  @BeforeAll
  void everyCellRan() {
    assertEquals(12, ran);
  }

  @Test
  void the_heatmap_shows_4_significant_digits_and_the_full_mean_on_hover() {
    driver.get(server.url() + "/sweeps/" + sweep.id());
    wait.until(d -> script("return document.querySelectorAll('#heatmap td[data-optimizer] .mean').length").equals(6L));
    List<List<String>> cells = script("return [...document.querySelectorAll('#heatmap td[data-optimizer]')]"
        + ".map(td => [td.querySelector('.mean').textContent, td.querySelector('.spread').textContent,"
        + " td.querySelector('.count').textContent, td.title])");
    for (List<String> cell : cells) {
      String mean = cell.get(0);
      assertTrue(significant(mean) <= 4, "mean " + mean);
      assertTrue(cell.get(1).matches("± \\S+") && significant(cell.get(1).substring(2)) <= 4, cell.get(1));
      assertEquals("2 runs", cell.get(2), "the count apart from the spread");
      double full = Double.parseDouble(cell.get(3).split(" ")[0]);
      assertEquals(Double.parseDouble(mean), full, 5e-4 * Math.max(1, Math.abs(full)), "title has the full mean");
    }
    List<String> lrs = script("return [...document.querySelectorAll('#heatmap tr:first-child th')].slice(1)"
        + ".map(th => th.textContent)");
    assertEquals(List.of("0.003", "0.03", "0.3"), lrs);
  }

  @Test
  void compare_plots_only_the_swept_axes_across_the_page_with_readable_ticks_and_groups() {
    driver.get(server.url() + "/compare?q=" + URLEncoder.encode("sweep:\"" + sweep.id() + "\"", StandardCharsets.UTF_8)
        + "&sort=start_time:asc&group=optimizer&objective=val_accuracy");
    wait.until(d -> script("return document.querySelectorAll('#parallel-plot polyline[data-run]').length").equals(12L));
    assertEquals(List.of("optimizer", "learning_rate", "val_accuracy"),
        script("return [...document.querySelectorAll('#parallel-plot .pc-axis')].map(a => a.dataset.axis)"),
        "the grid's axes and the objective: no eps (a default that follows the optimizer), no amsgrad, no seed");
    // the plot fills the width, once the page has settled (a scroll bar appearing narrows it, and it is redrawn)
    wait.withMessage("the plot fills its container's width").until(d -> script(
        "return Math.round(document.getElementById('parallel-plot').getBoundingClientRect().width)"
        + " === document.getElementById('parallel').clientWidth && document.getElementById('parallel').clientWidth > 1000"));
    List<String> ticks = script("return [...document.querySelectorAll('#parallel-plot .pc-axis text:not(.pc-name):not(.pc-na)')]"
        + ".map(t => t.textContent).filter(t => /^[-0-9.e]+$/.test(t))");
    assertTrue(ticks.size() >= 4, ticks.toString());
    ticks.forEach(t -> assertTrue(significant(t) <= 4, "tick " + t + " of " + ticks));
    List<String> groups = script("return [...document.querySelectorAll('#groups tr[data-group] td:last-child')]"
        + ".map(td => td.textContent)");
    assertEquals(2, groups.size(), groups.toString());
    for (String g : groups) {
      String[] parts = g.split(" ± ");
      assertEquals(2, parts.length, g);
      assertTrue(significant(parts[0]) <= 4 && significant(parts[1]) <= 4, g);
    }
    // the params table: one column per configuration, its two seeds together, objective as mean ± std
    long columns = script("return document.querySelectorAll('#params th[data-runs]').length");
    assertEquals(6, columns);
    List<String> objective = script("return [...document.querySelectorAll('#params tr.objective-row td')]"
        + ".map(td => td.textContent)");
    objective.forEach(o -> assertTrue(o.matches("\\S+ ± \\S+") && significant(o.split(" ")[0]) <= 4, o));
    // 12 runs: only the differences by default; a param only one optimizer has (amsgrad, alpha) is none
    assertEquals(Boolean.TRUE, script("return document.getElementById('only-diff').checked"));
    assertEquals(List.of("optimizer", "learning_rate", "eps"),
        script("return [...document.querySelectorAll('#params tr[data-param]')].map(r => r.dataset.param)"));
    driver.findElement(org.openqa.selenium.By.id("only-diff")).click();
    wait.until(d -> script("return document.querySelectorAll('#params tr[data-param=seed] td').length").equals(6L));
    assertEquals(List.of("1, 2", "1, 2", "1, 2", "1, 2", "1, 2", "1, 2"),
        script("return [...document.querySelectorAll('#params tr[data-param=seed] td')].map(td => td.textContent)"));
  }

  @Test
  void the_switch_to_adagrad_recorded_the_dropped_amsgrad_in_each_runs_provenance() {
    for (var cell : sweep.cells()) {
      Run run = ws.store().get(cell.id()).orElseThrow();
      Object notes = run.provenance().get("sweep_notes");
      if (cell.experiment().training().optimizer().name().equals("adagrad")) {
        assertEquals(List.of("training.optimizer.amsgrad: true dropped: the grid switched the optimizer to adagrad,"
            + " which has no param 'amsgrad'"), notes);
        assertEquals(null, run.params().get("amsgrad"));
      } else {
        assertEquals(null, notes);
        assertEquals(true, run.params().get("amsgrad"));
      }
    }
  }

  /** Significant digits of a number as the page writes it: 0.008669 has 4, 1e-8 has 1. */
  private static int significant(String text) {
    String digits = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "").replaceFirst("^0+", "");
    return digits.isEmpty() ? 1 : digits.length();
  }
}
