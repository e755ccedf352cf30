package dev.descent.core.search;

import static dev.descent.core.search.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curve-aware fields that need each run's per-epoch history (issue 16): the overfitting gap at the best epoch
 * and the first epoch reaching a target chosen in the query, over hand-made curves with known answers.
 */
class CurveHistoryFieldsTest {
  @TempDir Path dir;
  private InMemoryRunStore store;
  private RunIndex index;
  private RunSearch search;

  /**
   * val_accuracy reaches 0.85 at epoch 2 (fast), 5 (slow), 1 (val-only), never (never, diverged, no-curves);
   * overfit_gap at val_accuracy's best epoch is 0.98-0.88 (fast; 0.12 at its last epoch), 0.86-0.85 (slow, best
   * epoch 5 as the tie goes to the earliest), 0.55-0.5 (never), 0.62-0.6 (diverged), none without a train curve.
   */
  @BeforeEach
  void open() {
    store = new InMemoryRunStore();
    store.put(run("fast", 1).curve("val_accuracy", 0.80, 0.86, 0.88, 0.87)
        .curve("train_accuracy", 0.82, 0.90, 0.98, 0.99)
        .curve("val_loss", 0.9, 0.5, 0.45, 0.5).curve("train_loss", 0.8, 0.4, 0.1, 0.05)
        .curve("learning_rate", 0.01, 0.01, 0.005, 0.005));
    store.put(run("slow", 2).curve("val_accuracy", 0.5, 0.6, 0.7, 0.84, 0.85, 0.85)
        .curve("train_accuracy", 0.5, 0.61, 0.71, 0.85, 0.86, 0.87));
    store.put(run("never", 3).curve("val_accuracy", 0.3, 0.4, 0.5).curve("train_accuracy", 0.35, 0.45, 0.55));
    store.put(run("val-only", 4).curve("val_accuracy", 0.9));
    store.put(run("diverged", 5).status(RunStatus.DIVERGED).curve("val_accuracy", 0.6, Double.NaN)
        .curve("train_accuracy", 0.62, Double.NaN).curve("val_loss", 1.0, Double.NaN));
    store.put(run("no-curves", 6).metric("val_accuracy", 0.9, 0.5, 0.95));
    index = RunIndex.open(dir, store);
    search = new RunSearch(index, store);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private List<String> ids(String query) {
    return search.search(query, "id:asc", 0, 100).ids();
  }

  private List<String> sorted(String query, String sort) {
    return search.search(query, sort, 0, 100).ids();
  }

  @Test
  void the_overfit_gap_is_train_minus_val_accuracy_at_val_accuracys_best_epoch() {
    assertEquals(List.of("fast"), ids("overfit_gap>=0.1"), "0.98 - 0.88 counts as 0.1, not 0.09999999999999998");
    assertEquals(List.of(), ids("overfit_gap>0.11"), "fast's gap at its last epoch (0.12) is not the one kept");
    assertEquals(List.of("diverged", "never", "slow"), ids("overfit_gap:[0.01 TO 0.05]"));
    assertEquals(List.of("fast"), ids("overfit_gap:0.1 AND val_accuracy.gap:0.1"));
    assertEquals(List.of("fast", "never", "diverged", "slow", "no-curves", "val-only"),
        sorted(null, "overfit_gap:desc"), "runs without a train curve or a history come last");
  }

  @Test
  void a_loss_gap_is_val_minus_train_so_a_positive_gap_is_overfitting_too() {
    assertEquals(List.of("fast"), ids("val_loss.gap:0.35"), "0.45 - 0.1 at val_loss's best epoch, 3");
    assertEquals(List.of(), ids("val_loss.gap<0"));
  }

  @Test
  void epochs_to_a_target_is_the_first_epoch_that_reached_it() {
    assertEquals(List.of("fast", "val-only"), ids("val_accuracy.epochs_to(0.85)<=2"));
    assertEquals(List.of("slow"), ids("val_accuracy.epochs_to(0.85):[3 TO 5]"));
    assertEquals(List.of("fast", "slow"), ids("val_accuracy.epochs_to(0.85)>=2"));
    assertEquals(List.of("val-only"), ids("val_accuracy.epochs_to(0.85):1"), "reached in the first epoch");
    assertEquals(List.of("fast"), ids("val_accuracy.epochs_to(0.85):{1 TO 5}"));
    assertEquals(List.of("fast", "slow", "val-only"), ids("val_accuracy.epochs_to(0.85)<=5.5"));
    assertEquals(List.of(), ids("val_accuracy.epochs_to(0.85)<1"));
    assertEquals(List.of("fast", "val-only"), ids("val_accuracy.epochs_to(0.8):1"), "the target itself counts");
    assertEquals(List.of("diverged", "fast", "never", "slow", "val-only"), ids("val_accuracy.epochs_to(5e-1)<=3"));
    assertEquals(List.of("never"), ids("val_accuracy.epochs_to(0.5):3"));
  }

  @Test
  void runs_that_never_reach_the_target_match_no_range() {
    assertEquals(List.of("fast", "slow", "val-only"), ids("val_accuracy.epochs_to(0.85):[1 TO *]"));
    assertEquals(List.of("diverged", "never", "no-curves"),
        ids("experiment:fashion-mlp AND NOT val_accuracy.epochs_to(0.85):[* TO *]"));
    assertEquals(List.of(), ids("val_accuracy.epochs_to(0.95)>=1"),
        "no history reached 0.95; no-curves' summary says it did, but without a history it has no such field");
  }

  @Test
  void for_a_loss_the_target_is_reached_at_or_below_it() {
    assertEquals(List.of("fast"), ids("val_loss.epochs_to(0.5):2"));
    assertEquals(List.of("fast"), ids("val_loss.epochs_to(0.45):3"));
    assertEquals(List.of("diverged", "fast"), ids("val_loss.epochs_to(1):1"), "0.9 and 1.0 are at most 1");
    assertEquals(List.of(), ids("val_loss.epochs_to(0.4)>=1"));
  }

  @Test
  void a_sort_by_epochs_to_takes_its_target_from_the_spec_and_puts_runs_that_never_reached_it_last() {
    List<String> missing = List.of("no-curves", "diverged", "never"); // newest first among themselves
    assertEquals(concat(List.of("val-only", "fast", "slow"), missing),
        sorted(null, "val_accuracy.epochs_to(0.85):asc"));
    assertEquals(concat(List.of("slow", "fast", "val-only"), missing),
        sorted(null, "val_accuracy.epochs_to(0.85):desc"));
    assertEquals(List.of("fast", "diverged", "slow", "never"),
        sorted("overfit_gap>=0", "val_accuracy.epochs_to(0.5):asc,overfit_gap:desc"),
        "another target in the same index: three reached 0.5 at epoch 1, ordered by the gap, then never at 3");
    assertEquals(List.of("diverged", "fast"), sorted(null, "val_loss.epochs_to(1):asc").subList(0, 2),
        "a tie at epoch 1 goes to the newer run");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void a_run_written_after_the_index_opened_gets_its_curve_fields_on_catch_up() {
    store.put(run("later", 7).curve("val_accuracy", 0.7, 0.9).curve("train_accuracy", 0.9, 0.95));
    assertEquals(List.of("fast", "later", "val-only"), ids("val_accuracy.epochs_to(0.85)<=2"));
    assertEquals(List.of("later", "never"), ids("overfit_gap:0.05"));
  }

  @Test
  void the_catalog_lists_the_new_fields_so_help_and_errors_show_them() {
    FieldCatalog catalog = search.fields();
    assertTrue(catalog.names().containsAll(List.of("overfit_gap", "val_accuracy.gap", "val_loss.gap",
        "val_accuracy.epochs_to(TARGET)", "train_loss.epochs_to(TARGET)")), catalog.describe());
    assertTrue(catalog.hasEpochsTo("val_loss"));
    assertTrue(!catalog.hasEpochsTo("test_accuracy"), "a final metric has no curve");
    assertTrue(!catalog.hasEpochsTo("learning_rate"), "only train_ and val_ metrics are learning curves");
    assertTrue(FieldCatalog.empty().get(RunFields.OVERFIT_GAP) != null, "overfit_gap is never an unknown field");
    assertEquals(List.of(), ids("\"val_accuracy.epochs_to(0.85)\""), "inside quotes it is only free text");
  }

  private String error(String query) {
    DescentException e = assertThrows(DescentException.class, () -> search.search(query, null, 0, 10));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("val_accuracy.epochs_to(TARGET)"), "the known fields show the form");
    return e.getMessage();
  }

  @Test
  void malformed_epochs_to_names_the_column_and_what_is_allowed() {
    String bad = error("val_accuracy.epochs_to(abc)<=5");
    assertTrue(bad.startsWith("Invalid query at column 24: the target of epochs_to must be a finite number"), bad);
    assertTrue(bad.contains("val_accuracy.epochs_to(0.85)<=5"), bad);
    assertTrue(error("val_accuracy.epochs_to<=5").startsWith("Invalid query at column 23: epochs_to takes its"
        + " target in parentheses"));
    assertTrue(error("val_accuracy.epochs_to(0.85").startsWith("Invalid query at column 23: the '(' of"
        + " epochs_to is not closed"));
    assertTrue(error("val_accuracy.epochs_to(NaN)<=5").startsWith("Invalid query at column 24:"));
    String unknown = error("status:finished AND val_acc.epochs_to(0.85)<=5");
    assertTrue(unknown.startsWith("Invalid query at column 21: unknown field 'val_acc.epochs_to(0.85)'"), unknown);
    String bare = error("val_accuracy.epochs_to(0.85)");
    assertTrue(bare.startsWith("Invalid query at column 1: 'val_accuracy.epochs_to(0.85)' needs a comparison"),
        bare);
    String word = error("val_accuracy.epochs_to(0.85)<=soon");
    assertTrue(word.startsWith("Invalid query at column 31: 'soon' is not a number"), word);
    String star = error("val_accuracy.epochs_to(0.85):*");
    assertTrue(star.startsWith("Invalid query at column 30: '*' alone is no epoch;"
        + " val_accuracy.epochs_to(0.85):[1 TO *] finds the runs that reached the target at all"), star);
    String colon = error("val_accuracy.epochs_to(0.85):>5");
    assertTrue(colon.startsWith("Invalid query at column 30: syntax error"), colon);
    assertTrue(colon.contains("\n  val_accuracy.epochs_to(0.85):>5\n"), "the query is shown as written");
  }

  @Test
  void a_malformed_epochs_to_sort_is_refused_with_the_sortable_fields() {
    DescentException target = assertThrows(DescentException.class,
        () -> search.search(null, "val_accuracy.epochs_to(high):asc", 0, 10));
    assertTrue(target.getMessage().contains("the target of epochs_to must be a finite number"), target.getMessage());
    DescentException unknown = assertThrows(DescentException.class,
        () -> search.search(null, "val_acc.epochs_to(0.8)", 0, 10));
    assertTrue(unknown.getMessage().contains("unknown field 'val_acc.epochs_to(0.8)'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("val_accuracy.epochs_to(TARGET)"), unknown.getMessage());
  }
}
