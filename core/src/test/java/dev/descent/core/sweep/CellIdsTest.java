package dev.descent.core.sweep;

import static dev.descent.core.sweep.SweepFiles.withBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ExperimentParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellIdsTest {
  private static final String GRID = """
      grid:
        optimizer: [sgd, adam]
        learning_rate: [0.001, 0.01]
      seeds: [1, 2]
      """;

  private static List<String> ids(Sweep sweep) {
    return sweep.cells().stream().map(Cell::id).toList();
  }

  @Test
  void ids_are_16_hex_digits_distinct_and_stable_across_parses() {
    Sweep a = withBase(GRID);
    Sweep b = withBase(GRID);
    assertEquals(ids(a), ids(b));
    assertEquals(a.id(), b.id());
    assertEquals(8, ids(a).stream().distinct().count());
    ids(a).forEach(id -> assertTrue(id.matches("[0-9a-f]{16}"), id));
    assertTrue(a.id().matches("[0-9a-f]{16}"), a.id());
  }

  @Test
  void ids_do_not_change_with_formatting_comments_number_spelling_or_description() {
    Sweep reformatted = SweepFiles.parse("""
        # the same sweep, written differently
        description: only words
        training:
          seed: 5
          epochs: 2
          batch_size: 16
          optimizer:
            learning_rate: 1.0e-2
            name: adam
            beta1: 0.9
        model:
          loss: softmax_cross_entropy
          layers:
            - type: dense
              units: 8
              activation: relu
            - {type: dropout, rate: 0.1}
            - {type: dense, units: 2, activation: softmax}
        dataset: {test_samples: 50, samples: 200, name: xor}
        name: grid-test
        grid:
          optimizer: [sgd, adam]
          learning_rate: [1e-3, 0.010]
        seeds: [1, 2]
        """);
    Sweep original = withBase(GRID);
    assertEquals(ids(original), ids(reformatted));
    assertEquals(original.id(), reformatted.id());
  }

  @Test
  void changing_a_value_changes_only_the_cells_that_use_it_and_the_sweep_id() {
    Sweep original = withBase(GRID);
    Sweep changed = withBase(GRID.replace("0.01]", "0.02]"));
    List<String> before = ids(original);
    List<String> after = ids(changed);
    for (int i = 0; i < 8; i++) {
      boolean usesIt = original.cells().get(i).axisValues().get("learning_rate").equals(0.01);
      assertEquals(!usesIt, before.get(i).equals(after.get(i)), "cell " + i);
    }
    assertNotEquals(original.id(), changed.id());
    Sweep otherEpochs = SweepFiles.parse(SweepFiles.BASE.replace("epochs: 2", "epochs: 3") + GRID);
    assertTrue(ids(otherEpochs).stream().noneMatch(before::contains), "a base change changes every cell");
  }

  @Test
  void ids_do_not_depend_on_where_the_file_sits() {
    String csv = SweepFiles.BASE.replace("{name: xor, samples: 200, test_samples: 50}",
        "{name: csv, path: data/train.csv, label_column: y}") + GRID;
    SweepParser parser = new SweepParser(TestExperiments.PLUGINS);
    Sweep here = parser.parse(csv, "a.yaml", Path.of("/home/ada/descent/experiments"));
    Sweep there = parser.parse(csv, "a.yaml", Path.of("/tmp/checkout/experiments"));
    assertEquals(Path.of("/tmp/checkout/experiments/data/train.csv"), there.cells().get(0).experiment().dataset().path());
    assertEquals(ids(here), ids(there));
  }

  @Test
  void expanding_leaves_the_loaded_document_untouched() {
    Map<String, Object> doc = ExperimentParser.loadDocument(SweepFiles.BASE
        + "grid: {optimizer: [sgd], learning_rate: [0.1], dropout: [0.3], training.optimizer.momentum: [0.5]}\n", "x");
    String before = CanonicalJson.of(doc);
    new SweepParser(TestExperiments.PLUGINS).parseDocument(doc, "x", Path.of("."));
    assertEquals(before, CanonicalJson.of(doc));
  }

  @Test
  void the_seed_is_part_of_a_cells_identity() {
    Sweep sweep = withBase("seeds: [1, 2]\n");
    assertNotEquals(sweep.cells().get(0).id(), sweep.cells().get(1).id());
  }

  @Test
  void canonical_json_sorts_keys_and_writes_numbers_exactly() {
    assertEquals("{\"a\":[1,0.5,\"x\"],\"b\":true}",
        CanonicalJson.of(Map.of("b", true, "a", List.of(1.0, 0.5, "x"))));
    assertEquals(CanonicalJson.of(0.001), CanonicalJson.of(Double.parseDouble("1e-3")));
    assertEquals("128", CanonicalJson.of(128L));
    assertEquals("0", CanonicalJson.of(-0.0));
    assertEquals("\"a\\\"b\\n\"", CanonicalJson.of("a\"b\n"));
    assertEquals("4b050771d3dcfbac", CanonicalJson.hash(Map.of("b", true, "a", List.of(1.0, 0.5, "x"))),
        "the first 16 hex digits of sha256sum of {\"a\":[1,0.5,\"x\"],\"b\":true}");
  }
}
