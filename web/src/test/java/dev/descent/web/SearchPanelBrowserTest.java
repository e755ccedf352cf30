package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.sweep.Cell;
import dev.descent.core.train.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sweep page's search panel on a real pruned sweep, in real Chromium. */
class SearchPanelBrowserTest extends SweepPageTest {
  private static final String GRID = """
      name: pruned-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 4, seed: 1}
      grid:
        learning_rate: [0.3, 0.1, 0.01, 0.001, 0.0001, 0.00001]
      objective: {metric: val_loss, mode: min}
      pruner: {method: asha, min_epochs: 1, reduction_factor: 3}
      """;

  @Override
  String grid() {
    return GRID;
  }

  @Override
  int workers() {
    return 1;
  }

  @Test
  void a_pruned_sweep_shows_the_search_panel_with_each_pruned_cell_at_its_epoch() {
    List<Run> runs = ws.store().summaries(sweep.cells().stream().map(Cell::id).toList());
    List<Run> pruned = runs.stream().filter(r -> r.status() == RunStatus.PRUNED).toList();
    assertTrue(pruned.size() >= 2, "the grid prunes: " + runs.stream().map(Run::status).toList());
    long spent = runs.stream().mapToLong(r -> r.summaries().get("train_loss").lastEpoch()).sum();
    driver.get(server.url() + "/sweeps/" + sweep.id());
    wait.until(d -> script("return !document.getElementById('search-panel').classList.contains('hidden')"
        + " && document.querySelectorAll('#search-pruned li').length > 0").equals(true));
    List<List<String>> items = script("return [...document.querySelectorAll('#search-pruned li')]"
        + ".map(li => [li.dataset.epoch, li.textContent])");
    assertEquals(pruned.size(), items.size());
    for (List<String> item : items) {
      assertTrue(item.get(1).contains("pruned at epoch " + item.get(0) + ": val_loss"), item.toString());
    }
    String note = script("return document.getElementById('search-note').textContent");
    assertTrue(note.startsWith("6 cells, " + spent + " epochs spent, " + pruned.size() + " pruned; best val_loss"), note);
    for (String canvas : List.of("search-scatter", "search-by-cells", "search-progress")) {
      assertEquals(true, script("const c = document.getElementById('" + canvas + "');"
          + " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)"), canvas + " is drawn");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_sweep_api_gives_the_search_panel_its_data() {
    List<Run> runs = ws.store().summaries(sweep.cells().stream().map(Cell::id).toList());
    driver.get(server.url() + "/sweeps/" + sweep.id());
    Map<String, Object> search = script("return fetch('/api/sweeps/" + sweep.id() + "').then(r => r.json())"
        + ".then(s => s.search)");
    assertEquals("grid", search.get("method"));
    assertEquals("asha", search.get("pruner"));
    long spent = runs.stream().mapToLong(r -> r.summaries().get("train_loss").lastEpoch()).sum();
    assertEquals(spent, ((Number) search.get("epochs_spent")).longValue());
    double best = runs.stream().filter(r -> r.status() == RunStatus.FINISHED)
        .mapToDouble(r -> r.summaries().get("val_loss").min()).min().orElseThrow();
    assertEquals(best, ((Number) search.get("best")).doubleValue(), 0.0);
    List<Map<String, Object>> curve = (List<Map<String, Object>>) search.get("best_so_far");
    assertEquals(spent, ((Number) curve.get(curve.size() - 1).get("epochs_spent")).longValue());
    assertEquals(6L, ((Number) curve.get(curve.size() - 1).get("cells")).longValue());
    for (int i = 1; i < curve.size(); i++) {
      assertTrue(((Number) curve.get(i).get("best")).doubleValue() <= ((Number) curve.get(i - 1).get("best")).doubleValue(),
          "best so far never gets worse: " + curve);
    }
    Set<String> pruned = runs.stream().filter(r -> r.status() == RunStatus.PRUNED).map(Run::id).collect(Collectors.toSet());
    List<Map<String, Object>> stops = (List<Map<String, Object>>) search.get("pruned");
    assertEquals(pruned, stops.stream().map(p -> (String) p.get("id")).collect(Collectors.toSet()));
    for (Map<String, Object> p : stops) {
      Run r = ws.store().get((String) p.get("id")).orElseThrow();
      assertEquals(r.summaries().get("val_loss").lastEpoch(), ((Number) p.get("epoch")).intValue());
      assertEquals(r.error(), p.get("reason"));
    }
  }
}
