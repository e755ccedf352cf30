package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.core.TestExperiments;
import dev.descent.spi.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken files at the one place YAML is read: each ends as a clear problem list, never a crash. */
class YamlInputTest {
  private static final String VALID = """
      name: ok
      dataset: {name: moons}
      model:
        layers: [{type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, epochs: 1}
      """;

  @TempDir
  Path dir;

  private static ExperimentException refused(String yaml) {
    return assertThrows(ExperimentException.class, () -> YamlInput.parse(yaml, "f.yaml"));
  }

  private static String only(ExperimentException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0).toString();
  }

  private static Map<String, String> byPath(ExperimentException e) {
    return e.problems().stream().collect(Collectors.toMap(Problem::path, Problem::message, (a, b) -> a + " | " + b));
  }

  @Test
  void reads_a_valid_file_into_plain_maps_lists_and_scalars() throws Exception {
    Path file = Files.writeString(dir.resolve("ok.yaml"), VALID);
    Map<String, Object> doc = YamlInput.read(file);
    assertEquals("ok", doc.get("name"));
    assertInstanceOf(List.class, ((Map<?, ?>) doc.get("model")).get("layers"));
  }

  @Test
  void refuses_a_file_over_1_MB_naming_its_size_and_the_limit_without_parsing_it() throws Exception {
    Path file = dir.resolve("big.yaml");
    byte[] line = "key: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(file)) {
      for (long written = 0; written < 10L << 20; written += line.length) {
        out.write(line);
      }
    }
    ExperimentException e = assertThrows(ExperimentException.class, () -> YamlInput.read(file));
    String message = only(e);
    assertTrue(e.getMessage().startsWith(file + ": 1 problem"), e.getMessage());
    assertTrue(message.startsWith("is " + Files.size(file) + " bytes long; the limit for an experiment file is 1048576 "
        + "bytes (1 MB)"), message);
  }

  @Test
  void a_file_of_exactly_the_limit_is_read() throws Exception {
    StringBuilder text = new StringBuilder(VALID).append("description: '");
    text.append("x".repeat(YamlInput.MAX_BYTES - text.length() - 2)).append("'\n");
    Path file = Files.writeString(dir.resolve("limit.yaml"), text);
    assertEquals(YamlInput.MAX_BYTES, Files.size(file));
    assertEquals("ok", YamlInput.read(file).get("name"));
  }

  @Test
  void refuses_an_endless_device_after_reading_one_byte_more_than_the_limit() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "needs /dev/zero");
    String message = only(assertThrows(ExperimentException.class, () -> YamlInput.read(zero)));
    assertTrue(message.startsWith("is more than 1048576 bytes long (it has no size"), message);
  }

  @Test
  void names_the_byte_offset_and_line_of_a_byte_that_is_not_utf8() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("name: ok\ndescription: caf".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xE9);
    bytes.write("\n".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("latin1.yaml"), bytes.toByteArray());
    String message = only(assertThrows(ExperimentException.class, () -> YamlInput.read(file)));
    assertTrue(message.contains("not UTF-8"), message);
    assertTrue(message.contains("byte 0xE9 at byte offset 25 (line 2)"), message);
  }

  @Test
  void says_a_utf16_file_looks_like_utf16() throws Exception {
    Path file = Files.write(dir.resolve("utf16.yaml"), "\uFEFFname: ok\n".getBytes(StandardCharsets.UTF_16LE));
    String message = only(assertThrows(ExperimentException.class, () -> YamlInput.read(file)));
    assertTrue(message.contains("(it starts like UTF-16)") && message.contains("offset 0"), message);
  }

  @Test
  void accepts_a_utf8_byte_order_mark() throws Exception {
    Path file = Files.writeString(dir.resolve("bom.yaml"), "\uFEFF" + VALID);
    assertEquals("ok", YamlInput.read(file).get("name"));
  }

  @Test
  void refuses_keys_that_are_not_text_at_any_depth_with_line_and_column() {
    assertTrue(only(refused("1: x\n")).contains("has the key 1, which is a number; keys must be text"));
    assertTrue(only(refused("~: x\n")).contains("has the key ~, which is null"));
    assertTrue(only(refused("? [a, b]\n: x\n")).contains("which is a list"));
    assertTrue(only(refused("yes: x\n")).contains("read as true/false"));
    ExperimentException nested = refused("name: a\ndataset:\n  name: moons\n  3.5: x\n");
    assertEquals("dataset: has the key 3.5, which is a number; keys must be text: quote it, e.g. '3.5':, or rename "
        + "it (line 4, column 3)", only(nested));
  }

  @Test
  void refuses_a_recursive_alias_without_recursing() {
    String message = only(refused("description: &d [[*d]]\n"));
    assertTrue(message.startsWith("description[0][0]: is a recursive alias: *d refers to the list or mapping"), message);
    assertTrue(message.endsWith("(line 1, column 14)"), "where the anchored list starts: " + message);
    assertTrue(only(refused("a: &m {b: *m}\n")).contains("recursive alias"));
  }

  @Test
  void refuses_a_billion_laughs_bomb() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    String message = only(refused(yaml.toString()));
    assertTrue(message.contains("more than 50 aliases"), message);
  }

  @Test
  void refuses_aliases_that_expand_past_the_value_limit_even_under_the_alias_limit() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 20; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
          .append(i - 1).append("]\n");
    }
    String message = only(refused(yaml.toString()));
    assertTrue(message.startsWith("has more than 100000 values (an alias counts as every value"), message);
  }

  @Test
  void refuses_nesting_deeper_than_the_limit() {
    String message = only(refused("a: " + "[".repeat(200) + "]".repeat(200) + "\n"));
    assertTrue(message.contains("nested more than 40 levels deep"), message);
  }

  @Test
  void refuses_every_repeated_key_with_its_path_and_both_lines() {
    ExperimentException e = refused("name: a\ntraining:\n  epochs: 1\n  epochs: 2\nname: b\n");
    Map<String, String> p = byPath(e);
    assertEquals(2, p.size(), e.getMessage());
    assertEquals("repeats the key 'epochs' of line 3, column 3; YAML would silently keep only the last: keep one "
        + "(line 4, column 3)", p.get("training.epochs"));
    assertTrue(p.get("name").contains("of line 1, column 1"), p.toString());
  }

  @Test
  void refuses_explicit_tags_that_are_not_plain_values() {
    assertTrue(only(refused("description: !!binary aGVsbG8=\n")).startsWith("description: has the tag !!binary"));
    assertTrue(only(refused("description: !!set {a, b}\n")).contains("has the tag !!set"));
    assertTrue(only(refused("description: !custom x\n")).contains("has the tag !custom"));
    assertTrue(only(refused("name: !!int abc\n")).contains("was 'abc' tagged !!int, which it is not"));
    assertTrue(only(refused("description: !!java.io.File /etc/passwd\n")).contains("Global tag is not allowed"));
  }

  @Test
  void keeps_plain_tags_dates_and_merge_keys() {
    Experiment e = TestExperiments.parse("""
        name: !!str merged
        description: 2024-01-01
        dataset: {name: moons}
        model:
          layers:
            - &hidden {type: dense, units: 8, activation: relu}
            - {<<: *hidden, units: 2, activation: softmax}
          loss: softmax_cross_entropy
        training: {optimizer: sgd, epochs: !!float 1}
        """);
    assertEquals("2024-01-01", e.description(), "a date stays the text it was written as");
    assertEquals(2, ((LayerSpec.Dense) e.model().layers().get(1)).units(), "a merge key may be overridden");
    assertEquals("softmax", ((LayerSpec.Dense) e.model().layers().get(1)).activation().name());
  }

  @Test
  void reports_syntax_errors_and_several_documents_with_line_and_column() {
    assertEquals("line 2, column 1: not valid YAML: expected a single document in the stream, but found another "
        + "document", only(refused("a: 1\n---\nb: 2\n")));
    assertTrue(only(refused("a: [1, 2\n")).startsWith("line 2, column 1: not valid YAML: "));
    assertTrue(only(refused("a: \u0000\n")).contains("not valid YAML"), "a control character");
    assertTrue(only(refused("name: \"\\u")).startsWith("not valid YAML: "), "a truncated escape (found by fuzzing)");
  }

  @Test
  void refuses_empty_files_lists_directories_and_missing_files() throws Exception {
    assertTrue(only(refused("")).contains("the file is empty"));
    assertTrue(only(refused("# only a comment\n")).contains("the file is empty"));
    assertTrue(only(refused("- a\n- b\n")).contains("must be a YAML mapping"));
    assertEquals("is a directory; give the experiment file (YAML) in it",
        only(assertThrows(ExperimentException.class, () -> YamlInput.read(dir))));
    assertEquals("no such file", only(assertThrows(ExperimentException.class, () -> YamlInput.read(dir.resolve("x")))));
  }

  @Test
  void an_error_message_never_shows_a_java_object() {
    for (String yaml : List.of("description: !!binary aGVsbG8=\n", "1: x\n", "description: &d [[*d]]\n")) {
      ExperimentException e = refused(yaml);
      assertFalse(e.getMessage().matches("(?s).*(\\[B@|Exception|java\\.).*"), e.getMessage());
    }
  }
}
