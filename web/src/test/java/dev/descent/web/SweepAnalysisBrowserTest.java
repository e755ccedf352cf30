package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.sweep.SweepRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep page's analysis panel on a real sweep (optimizer × learning rate, three seeds, trained by the real
 * SweepRunner), read in headless Chromium: one ANOVA bar per term, each as wide as the share of the variance the
 * API gives it, the importance line, and one verdict per runner-up.
 */
class SweepAnalysisBrowserTest extends SweepPageTest {
  private static final String GRID = """
      name: analysis-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.25}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 3, seed: 1}
      grid:
        optimizer: [sgd, adam]
        learning_rate: [0.0003, 0.03]
      seeds: [1, 2, 3]
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
  void the_sweep_page_draws_the_anova_bars_and_the_significance_lines() throws Exception {
    driver.get(server.url() + "/sweeps/" + sweep.id());
    wait.until(d -> script("return document.querySelectorAll('#anova-chart .anova-bar').length").equals(4L));
    wait.until(d -> script("return document.querySelectorAll('#significance li.verdict').length").equals(3L));
    assertEquals(List.of("optimizer", "learning_rate", "optimizer:learning_rate", "Residual"),
        script("return [...document.querySelectorAll('#anova-chart .anova-bar')].map(b => b.dataset.term)"));

    Map<String, Object> api = script("return fetch('/api/sweeps/" + sweep.id() + "/analysis').then(r => r.json());");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("anova");
    List<Map<String, Object>> bars = script("return [...document.querySelectorAll('#anova-chart .anova-bar')].map(b =>"
        + " ({share: Number(b.dataset.share), width: b.querySelector('.anova-fill').getBoundingClientRect().width,"
        + " track: b.querySelector('.anova-track').getBoundingClientRect().width,"
        + " text: b.querySelector('.anova-value').textContent}))");
    for (int i = 0; i < rows.size(); i++) {
      double share = ((Number) rows.get(i).get("share")).doubleValue();
      Map<String, Object> bar = bars.get(i);
      double drawn = ((Number) bar.get("width")).doubleValue() / ((Number) bar.get("track")).doubleValue();
      assertEquals(Math.max(0.005, share), drawn, 0.01, rows.get(i).get("term") + ": bar width is its share");
      assertTrue(((String) bar.get("text")).startsWith(Math.round(100 * share) + "%"), bar.toString());
    }

    String line = script("return document.getElementById('anova-line').textContent");
    assertTrue(line.matches("\\S+ explains (\\d+|<1|>99)% of the variance.*; seed noise \\S+%"), line);
    assertTrue(script("return document.getElementById('anova-method').textContent").toString().contains("Type II"));
    List<String> verdicts = script("return [...document.querySelectorAll('#significance li')].map(l => l.textContent)");
    for (String v : verdicts) {
      assertTrue(v.matches(".+ (beats|ties with) .+; with 3 seeds that is (not )?significant \\(p [=<] .+"), v);
    }
    Browser.screenshot(driver, "sweep-analysis.png");
  }

  @Test
  void the_compare_page_judges_the_best_group_against_the_others() {
    driver.get(server.url() + "/compare?q=" + java.net.URLEncoder.encode("sweep:\"" + sweep.id() + "\"",
        java.nio.charset.StandardCharsets.UTF_8) + "&sort=start_time:asc&group=optimizer&objective=val_accuracy");
    wait.until(d -> script("return document.querySelectorAll('#group-verdicts li').length >= 3").equals(true));
    List<String> lines = script("return [...document.querySelectorAll('#group-verdicts li')].map(l => l.textContent)");
    assertTrue(lines.get(0).startsWith("optimizer explains "), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.matches("(adam|sgd) (beats|ties with) (adam|sgd).*; with 6 seeds that is"
        + " (not )?significant \\(p [=<] .+")), lines.toString());
    assertEquals(false, script("return document.getElementById('group-analysis').classList.contains('hidden')"));
  }
}
