package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad query is an INVALID_INPUT error that points at the problem and lists the fields, never an empty page. */
class RunQueryErrorsTest {
  @TempDir Path dir;
  private RunIndex index;
  private RunSearch search;

  @BeforeEach
  void open() {
    InMemoryRunStore store = HandBuiltRuns.store();
    index = RunIndex.open(dir, store);
    search = new RunSearch(index, store);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private String error(String query) {
    DescentException e = assertThrows(DescentException.class, () -> search.search(query, null, 0, 10));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("Known fields: batch_size, diverged_epoch, dropout, end_time, experiment, id,"
        + " learning_rate, learning_rate.argmin, learning_rate.best_epoch, learning_rate.last, learning_rate.max,"
        + " learning_rate.min, nesterov, optimizer, overfit_gap, start_time, status, sweep, tag, test_accuracy, test_loss, text,"
        + " val_accuracy,"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void bad_syntax_reports_the_column_and_the_known_fields() {
    String message = error("optimizer:adam AND (learning_rate<0.1");
    assertTrue(message.startsWith("Invalid query at column 38: syntax error"), message);
    assertTrue(message.contains("\n  optimizer:adam AND (learning_rate<0.1\n"), message);

    assertTrue(error("optimizer:adam AND AND status:finished").startsWith("Invalid query at column 20:"));
    assertTrue(error("val_accuracy:>0.85").startsWith("Invalid query at column 14:"));
  }

  @Test
  void an_unknown_field_is_an_error_not_an_empty_result() {
    String message = error("status:finished AND optimiser:adam");
    assertTrue(message.startsWith("Invalid query at column 21: unknown field 'optimiser'"), message);
    assertTrue(message.contains("\n                      ^\n"), message);
    assertTrue(error("val_acc>0.9").startsWith("Invalid query at column 1: unknown field 'val_acc'"));
    assertTrue(error("batch_size:(32 OR 64) AND lr:[0.001 TO 0.01]")
        .startsWith("Invalid query at column 27: unknown field 'lr'"));
  }

  @Test
  void a_word_where_a_number_belongs_is_an_error() {
    String message = error("learning_rate<=1e-3x");
    assertTrue(message.startsWith("Invalid query at column 16: '1e-3x' is not a number"), message);
    assertTrue(error("batch_size:(32 OR big)").contains("'big' is not a number"));
    assertTrue(error("learning_rate:[0.001 TO 1,5]").contains("'1,5' is not a number"));
  }

  @Test
  void catalogue_lists_params_metrics_and_fixed_fields_by_kind() {
    FieldCatalog fields = search.fields();
    assertEquals(FieldCatalog.Kind.NUMBER, fields.get("val_loss.min").kind());
    assertEquals(FieldCatalog.Kind.NUMBER, fields.get("learning_rate").kind());
    assertEquals(FieldCatalog.Kind.KEYWORD, fields.get("optimizer").kind());
    assertEquals(FieldCatalog.Kind.KEYWORD, fields.get("nesterov").kind());
    assertEquals(FieldCatalog.Kind.TEXT, fields.get("text").kind());
    assertTrue(fields.get("val_loss").sortable());
  }
}
