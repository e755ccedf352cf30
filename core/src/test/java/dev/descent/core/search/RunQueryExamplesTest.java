package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of docs/query-language.md finds exactly the runs the document says it finds. */
class RunQueryExamplesTest {
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

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("optimizer:adam", List.of("r-0001", "r-0002")),
        Arguments.of("learning_rate:[0.001 TO 0.01]", List.of("r-0001", "r-0002", "r-0005", "r-0006")),
        Arguments.of("batch_size:(32 OR 128)", List.of("r-0001", "r-0002", "r-0005", "r-0006")),
        Arguments.of("learning_rate<=1e-3", List.of("r-0001", "r-0004")),
        Arguments.of("val_accuracy>0.85", List.of("r-0001", "r-0002", "r-0004", "r-0006")),
        Arguments.of("val_loss.min<0.3", List.of("r-0001", "r-0004", "r-0006")),
        Arguments.of("val_accuracy.max>=0.9", List.of("r-0002", "r-0004", "r-0006")),
        Arguments.of("test_accuracy>0.88", List.of("r-0001", "r-0002", "r-0004")),
        Arguments.of("status:diverged", List.of("r-0003")),
        Arguments.of("tag:baseline", List.of("r-0001", "r-0004")),
        Arguments.of("experiment:fashion-mlp", List.of("r-0001", "r-0002", "r-0003", "r-0005", "r-0006")),
        Arguments.of("id:r-0004", List.of("r-0004")),
        Arguments.of("\"NaN\" AND optimizer:sgd", List.of("r-0003", "r-0006")),
        Arguments.of("(optimizer:adam OR optimizer:rmsprop) AND NOT status:failed", List.of("r-0001", "r-0002")),
        Arguments.of("optimizer:sgd AND NOT (tag:baseline OR status:diverged)", List.of("r-0006")),
        Arguments.of("optimizer:adam OR val_loss.min<0.2", List.of("r-0001", "r-0002", "r-0004")),
        Arguments.of("optimizer:sgd learning_rate<0.01", List.of("r-0004", "r-0006")),
        Arguments.of("learning_rate:[0.001 TO *]", List.of("r-0001", "r-0002", "r-0003", "r-0005", "r-0006")),
        Arguments.of("learning_rate:{0.001 TO 0.01}", List.of("r-0005", "r-0006")),
        Arguments.of("learning_rate.last<0.0008", List.of("r-0001")),
        Arguments.of("nesterov:true", List.of("r-0006")),
        Arguments.of("experiment:fashion*", List.of("r-0001", "r-0002", "r-0003", "r-0005", "r-0006")),
        Arguments.of("heap", List.of("r-0005")),
        Arguments.of("baseline AND NOT tag:baseline", List.of()),
        Arguments.of("mnist", List.of("r-0004")),
        Arguments.of("", List.of("r-0001", "r-0002", "r-0003", "r-0004", "r-0005", "r-0006")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("examples")
  void every_query_example_returns_exactly_the_expected_runs(String query, List<String> expected) {
    SearchPage page = search.search(query, "id:asc", 0, 100);
    assertEquals(expected, page.ids());
    assertEquals(expected.size(), page.total());
  }

  @Test
  void numbers_are_parsed_exactly_in_every_notation() {
    List<String> r1 = List.of("r-0001");
    for (String q : List.of("learning_rate:1e-3", "learning_rate:0.001", "learning_rate:1E-3",
        "learning_rate:[1e-3 TO 1e-3]", "learning_rate:[0.0009 TO 1.1e-3]")) {
      assertEquals(r1, search.search(q, null, 0, 10).ids(), q);
    }
    assertEquals(search.search("learning_rate<=0.001", "id", 0, 10).ids(),
        search.search("learning_rate<=1e-3", "id", 0, 10).ids());
    assertEquals(List.of("r-0004"), search.search("learning_rate<1e-3", null, 0, 10).ids());
    assertEquals(List.of("r-0004"), search.search("batch_size:256", null, 0, 10).ids());
    assertEquals(List.of("r-0004"), search.search("batch_size:2.56e2", null, 0, 10).ids());
  }

  @Test
  void nan_metrics_match_no_range() {
    assertEquals(List.of("r-0001", "r-0002", "r-0004", "r-0006"),
        search.search("val_loss:[* TO *]", "id", 0, 10).ids());
  }
}
