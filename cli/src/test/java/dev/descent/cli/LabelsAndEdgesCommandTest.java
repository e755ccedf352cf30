package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunLabels;
import dev.descent.core.tracking.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's tags and notes go through the store's one set of rules (the API's) and say the same; and the edges of
 * serve, plugins verify and optimizers trace give a clear exit-2 message instead of a wrong one or an out-of-memory.
 */
class LabelsAndEdgesCommandTest {
  static final String RUN = "label-run";

  @TempDir
  Path dir;
  String store;

  @BeforeEach
  void one_run() {
    store = dir.resolve("store").toString();
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC())) {
      ws.store().create(new NewRun(RUN, "labels", null, Map.of(), Map.of("optimizer", "adam"), Map.of(),
          Set.of("keep"), Instant.parse("2026-11-30T10:00:00Z")));
      ws.sync();
    }
  }

  Set<String> tags() {
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC())) {
      return ws.store().get(RUN).orElseThrow().tags();
    }
  }

  String note() {
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC())) {
      return ws.store().get(RUN).orElseThrow().note();
    }
  }

  static String message(Runnable r) {
    try {
      r.run();
    } catch (DescentException e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void runs_tag_refuses_what_the_api_refuses_with_the_same_message() {
    for (String tag : List.of("two words", "", "x".repeat(101), "\u001b[31mred", "a\u202eb", "a\u200bb", "a\u00a0b")) {
      CliRunner r = CliRunner.run("runs", "tag", RUN, tag, "--store", store);
      assertEquals(2, r.exitCode(), tag + ": " + r.err());
      assertTrue(r.err().contains(message(() -> RunLabels.tag(tag))), r.err());
    }
    assertEquals(Set.of("keep"), tags());
    assertEquals(0, CliRunner.run("runs", "tag", RUN, "x".repeat(100), "--store", store).exitCode());
    assertEquals(Set.of("keep", "x".repeat(100)), tags());
  }

  @Test
  void removing_a_tag_the_run_does_not_have_is_not_found() {
    CliRunner r = CliRunner.run("runs", "tag", RUN, "absent", "--remove", "--store", store);
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("Run '" + RUN + "' has no tag 'absent'; its tags: keep"), r.err());
    CliRunner ok = CliRunner.run("runs", "tag", RUN, "keep", "--remove", "--store", store);
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(Set.of(), tags());
  }

  @Test
  void runs_note_has_the_api_s_limit_and_refuses_control_characters() {
    String tooLong = "n".repeat(120_000);
    CliRunner r = CliRunner.run("runs", "note", RUN, tooLong, "--store", store);
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("Invalid note: 120000 characters, at most 10000 allowed"), r.err());
    CliRunner esc = CliRunner.run("runs", "note", RUN, "ok\n\u001b[2Jgone", "--store", store);
    assertEquals(2, esc.exitCode(), esc.err());
    assertTrue(esc.err().contains("line 2 has a control character (U+001B ESCAPE)"), esc.err());
    assertEquals(null, note());
    assertEquals(0, CliRunner.run("runs", "note", RUN, "two\nlines\tand a tab", "--store", store).exitCode());
    assertEquals("two\nlines\tand a tab", note());
  }

  @Test
  void run_with_a_bad_tag_is_refused_and_records_nothing() throws Exception {
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(file, """
        name: tiny
        dataset: {name: moons, samples: 100, test_samples: 50}
        model:
          layers: [{type: dense, units: 4, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: {name: sgd, learning_rate: 0.1}, epochs: 1, seed: 1}
        """);
    for (String tag : List.of("", "two words")) {
      CliRunner r = CliRunner.run("run", file.toString(), "--store", store, "--tag", tag);
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains(message(() -> RunLabels.tag(tag))), r.err());
    }
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC())) {
      assertEquals(1, ws.store().count(), "no run was created for a refused tag");
    }
  }

  @Test
  void serve_names_a_host_it_cannot_resolve_or_bind() {
    CliRunner unknown = CliRunner.run("serve", "--store", store, "--port", "0", "--host", "no such host.invalid");
    assertEquals(2, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().contains("--host: cannot resolve 'no such host.invalid'"), unknown.err());
    assertFalse(unknown.err().contains("Port already in use"), unknown.err());
    CliRunner foreign = CliRunner.run("serve", "--store", store, "--port", "0", "--host", "192.0.2.1");
    assertEquals(2, foreign.exitCode(), foreign.err());
    assertTrue(foreign.err().contains("Cannot bind --host 192.0.2.1: it is not an address of this machine"),
        foreign.err());
  }

  @Test
  void plugins_verify_given_a_directory_says_so() {
    CliRunner r = CliRunner.run("plugins", "verify", dir.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(dir + ": is a directory; give the path of one plugin jar"), r.err());
  }

  @Test
  void optimizers_trace_bounds_steps() {
    for (String steps : List.of("1000000000", "100001", "-1")) {
      CliRunner r = CliRunner.run("optimizers", "trace", "--optimizer", "sgd", "--steps", steps);
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("--steps: was " + steps + ", must be 0 to 100000"), r.err());
    }
  }
}
