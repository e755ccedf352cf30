package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curve-aware fields (issue 16): a metric's best epoch under its own name, and the epoch a run diverged in. */
class CurveFieldsTest {
  @TempDir Path dir;

  private static Run run(String id, int minute, RunStatus status, int lossBest, int accuracyBest, int lastEpoch) {
    Map<String, MetricSummary> s = new LinkedHashMap<>();
    s.put("val_loss", new MetricSummary(0.4, 0.3, 0.9, lossBest, lastEpoch));
    s.put("val_accuracy", new MetricSummary(0.8, 0.5, 0.85, accuracyBest, lastEpoch));
    Instant start = Runs.T0.plusSeconds(60L * minute);
    return new Run(id, "fashion-mlp", null, status, Map.of(), Map.of("optimizer", "adam"), Map.of(), start,
        start.plusSeconds(30), start.plusSeconds(30), null, null, new TreeSet<>(), null, s, Map.of(), 0);
  }

  private List<String> search(String query, String sort) {
    InMemoryRunStore store = new InMemoryRunStore();
    store.put(run("early", 1, RunStatus.FINISHED, 3, 4, 10));
    store.put(run("late", 2, RunStatus.FINISHED, 9, 9, 10));
    store.put(run("blew-up", 3, RunStatus.DIVERGED, 2, 2, 2));
    try (RunIndex index = RunIndex.open(dir, store)) {
      return new RunSearch(index, store).search(query, sort, 0, 100).ids();
    }
  }

  @Test
  void a_metrics_best_epoch_is_searchable_and_sortable_as_argmin_or_argmax() {
    assertEquals(List.of("blew-up", "early"), search("val_loss.argmin<=3", "val_loss.argmin:asc"));
    assertEquals(List.of("late"), search("val_accuracy.argmax>=5", null));
    assertEquals(List.of("blew-up", "early", "late"), search(null, "val_loss.best_epoch:asc"));
    assertEquals(List.of("late", "early", "blew-up"), search(null, "val_accuracy.best_epoch:desc"));
  }

  @Test
  void the_divergence_epoch_is_one_after_the_last_recorded_epoch_and_known_in_every_index() {
    assertEquals(List.of("blew-up"), search("diverged_epoch:[1 TO 3]", null));
    assertEquals(List.of("blew-up"), search("diverged_epoch<=3", null));
    assertEquals(List.of(), search("diverged_epoch>3", null));
    assertTrue(FieldCatalog.empty().get(RunFields.DIVERGED_EPOCH) != null, "a query on it is never 'unknown field'");
  }
}
