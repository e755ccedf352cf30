package dev.descent.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzer finds what it should and reports it so it can be replayed. */
class FuzzerTest {
  @TempDir Path failures;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void finds_an_unexpected_exception_reached_through_a_dictionary_token_and_saves_the_input() throws Exception {
    AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.target("boom")
        .seeds(bytes("hello world"))
        .dictionary("BOOM")
        .allow(DescentException.class, e -> e.code() == ErrorCode.INVALID_INPUT)
        .failuresDir(failures)
        .seconds(30)
        .maxExecutions(100_000)
        .run(input -> {
          String text = new String(input, StandardCharsets.ISO_8859_1);
          if (text.contains("BOOM")) {
            throw new IllegalStateException("internal");
          }
          if (text.contains("!")) {
            throw new DescentException(ErrorCode.INVALID_INPUT, "no '!' allowed");
          }
        }));
    assertTrue(error.getMessage().contains("reproduce with -Ddescent.fuzz.seed="), error.getMessage());
    assertTrue(error.getMessage().contains("java.lang.IllegalStateException"), error.getMessage());
    List<Path> saved;
    try (Stream<Path> files = Files.list(failures)) {
      saved = files.toList();
    }
    assertEquals(1, saved.size());
    assertTrue(new String(Files.readAllBytes(saved.get(0)), StandardCharsets.ISO_8859_1).contains("BOOM"));
  }

  @Test
  void an_input_over_the_time_limit_is_a_hang() {
    AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.target("hang")
        .seeds(bytes("ok"), bytes("wait"))
        .failuresDir(failures)
        .timeoutMillis(200)
        .maxExecutions(10)
        .run(input -> {
          if (new String(input, StandardCharsets.UTF_8).equals("wait")) {
            Thread.sleep(60_000);
          }
        }));
    assertTrue(error.getMessage().contains("a hang"), error.getMessage());
  }

  @Test
  void stack_overflow_is_a_failure_even_when_errors_of_its_kind_look_allowed() {
    AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.target("deep")
        .seeds(bytes("x"))
        .allow(RuntimeException.class)
        .failuresDir(failures)
        .maxExecutions(10)
        .run(input -> recurse(0)));
    assertTrue(error.getCause() instanceof StackOverflowError, String.valueOf(error.getCause()));
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void an_allowed_error_without_a_message_is_not_clear() {
    AssertionError error = assertThrows(AssertionError.class, () -> Fuzzer.target("silent")
        .seeds(bytes("x"))
        .allow(IllegalArgumentException.class)
        .failuresDir(failures)
        .maxExecutions(10)
        .run(input -> {
          throw new IllegalArgumentException();
        }));
    assertTrue(error.getMessage().contains("without a message"), error.getMessage());
  }

  @Test
  void the_same_seed_gives_the_same_inputs() {
    List<byte[]> first = inputs(7);
    List<byte[]> second = inputs(7);
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i), "input " + i);
    }
  }

  @Test
  void a_build_fuzzes_with_a_seed_fixed_per_target_unless_told_otherwise() {
    assertEquals(Fuzzer.seed("yaml", null), Fuzzer.seed("yaml", ""));
    assertNotEquals(Fuzzer.seed("yaml", null), Fuzzer.seed("query", null));
    assertEquals(42L, Fuzzer.seed("yaml", "42"));
    assertNotEquals(Fuzzer.seed("yaml", "random"), Fuzzer.seed("yaml", "random"));
  }

  private static List<byte[]> inputs(long seed) {
    String old = System.setProperty("descent.fuzz.seed", Long.toString(seed));
    try {
      List<byte[]> seen = new ArrayList<>();
      Fuzzer.Report report = Fuzzer.target("same").seeds(bytes("a,b\n1,2\n")).dictionary("NaN")
          .maxExecutions(500).seconds(60).run(input -> seen.add(input.clone()));
      assertEquals(501, report.executions());
      assertEquals(seed, report.seed());
      return seen;
    } finally {
      if (old == null) {
        System.clearProperty("descent.fuzz.seed");
      } else {
        System.setProperty("descent.fuzz.seed", old);
      }
    }
  }

  @Test
  void reads_its_corpus_from_the_classpath_folder_named_for_the_target() {
    List<String> seen = new ArrayList<>();
    Fuzzer.target("selftest").maxExecutions(0)
        .run(input -> seen.add(new String(input, StandardCharsets.UTF_8)));
    assertEquals(List.of("first\n", "second\n"), seen);
  }
}
