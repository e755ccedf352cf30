package dev.descent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.sweep.Cell;
import dev.descent.core.train.RunStatus;
import java.util.List;
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
    assertEquals(true, script("const c = document.getElementById('search-scatter');"
        + " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)"), "the scatter is drawn");
  }
}
