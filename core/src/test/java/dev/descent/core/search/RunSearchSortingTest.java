package dev.descent.core.search;

import static dev.descent.core.search.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting by params and metrics (missing values last either way), paging, and exact totals. */
class RunSearchSortingTest {
  @TempDir Path dir;

  private List<String> sorted(String sort) {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex index = RunIndex.open(dir, store)) {
      return new RunSearch(index, store).search(null, sort, 0, 100).ids();
    }
  }

  @Test
  void no_sort_means_newest_first() {
    assertEquals(List.of("r-0006", "r-0005", "r-0004", "r-0003", "r-0002", "r-0001"), sorted(null));
  }

  @Test
  void sorts_by_a_metric_descending_with_missing_values_last() {
    // r-0005 has no metrics at all.
    assertEquals(List.of("r-0004", "r-0002", "r-0001", "r-0006", "r-0003", "r-0005"), sorted("val_accuracy:desc"));
  }

  @Test
  void sorts_by_a_metric_ascending_with_missing_values_last() {
    assertEquals(List.of("r-0003", "r-0006", "r-0001", "r-0002", "r-0004", "r-0005"), sorted("val_accuracy:asc"));
  }

  @Test
  void nan_sorts_like_a_missing_value() {
    // r-0003's last val_loss is NaN; r-0005 has none; ties go newest first.
    assertEquals(List.of("r-0004", "r-0001", "r-0006", "r-0002", "r-0005", "r-0003"), sorted("val_loss:asc"));
    assertEquals(List.of("r-0002", "r-0006", "r-0001", "r-0004", "r-0005", "r-0003"), sorted("val_loss:desc"));
  }

  @Test
  void sorts_by_a_param_and_by_a_keyword() {
    assertEquals(List.of("r-0004", "r-0001", "r-0005", "r-0006", "r-0002", "r-0003"), sorted("learning_rate:asc"));
    assertEquals(List.of("r-0003", "r-0002", "r-0006", "r-0005", "r-0001", "r-0004"), sorted("learning_rate:desc"));
    assertEquals(List.of("r-0002", "r-0001", "r-0005", "r-0006", "r-0004", "r-0003"), sorted("optimizer"));
    assertEquals(List.of("r-0006", "r-0004", "r-0003", "r-0005", "r-0002", "r-0001"), sorted("optimizer:desc"));
  }

  @Test
  void sorts_by_a_param_few_runs_have_with_missing_values_last() {
    assertEquals("r-0006", sorted("dropout:asc").get(0));
    assertEquals("r-0006", sorted("dropout:desc").get(0));
    assertEquals("r-0006", sorted("nesterov:desc").get(0));
  }

  @Test
  void sorts_by_several_fields() {
    assertEquals(List.of("r-0001", "r-0006", "r-0003", "r-0002", "r-0005", "r-0004"),
        sorted("batch_size:asc,val_accuracy:desc"));
  }

  @Test
  void pages_through_more_than_a_thousand_hits_with_exact_totals() {
    InMemoryRunStore store = new InMemoryRunStore();
    int n = 2_500;
    IntStream.range(0, n).forEach(i -> store.put(run(String.format("p-%05d", i), i)
        .param("batch_size", i % 2 == 0 ? 32L : 64L).metric("val_accuracy", i / (double) n, 0, 1).build()));
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      assertEquals(n, search.count(null));
      assertEquals(1_250, search.count("batch_size:32"));
      assertEquals(2_400, search.count("val_accuracy>=0.04"));

      List<String> all = new ArrayList<>();
      for (int offset = 0; offset < n; offset += 700) {
        SearchPage page = search.search("", "val_accuracy:desc", offset, 700);
        assertEquals(n, page.total());
        all.addAll(page.ids());
      }
      List<String> expected = IntStream.range(0, n).map(i -> n - 1 - i)
          .mapToObj(i -> String.format("p-%05d", i)).toList();
      assertEquals(expected, all);

      SearchPage deep = search.search("batch_size:32", "val_accuracy:asc", 1_200, 100);
      assertEquals(1_250, deep.total());
      assertEquals(50, deep.ids().size());
      assertEquals("p-02400", deep.ids().get(0));
      assertEquals(List.of(), search.search("batch_size:32", null, 5_000, 10).ids());
    }
  }

  @Test
  void rejects_bad_paging_and_sorting() {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      for (Runnable bad : List.<Runnable>of(() -> search.search(null, null, -1, 10),
          () -> search.search(null, null, 0, 0), () -> search.search(null, null, 0, RunSearch.MAX_LIMIT + 1),
          () -> search.search(null, "val_acuracy:desc", 0, 10), () -> search.search(null, "tag", 0, 10),
          () -> search.search(null, "val_accuracy:down", 0, 10))) {
        DescentException e = assertThrows(DescentException.class, bad::run);
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
      }
      DescentException e = assertThrows(DescentException.class, () -> search.search(null, "val_acuracy", 0, 1));
      assertEquals(true, e.getMessage().contains("val_accuracy.max"), e.getMessage());
    }
  }
}
