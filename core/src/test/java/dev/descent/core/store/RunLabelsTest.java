package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.tracking.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one set of rules for tags and notes, and the store applying them on every write. */
class RunLabelsTest {
  @TempDir
  Path dir;

  static String refusal(Runnable r) {
    DescentException e = assertThrows(DescentException.class, r::run);
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    return e.getMessage();
  }

  @Test
  void refuses_tags_with_spaces_controls_direction_overrides_and_invisible_characters() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("", "empty"),
        Map.entry("two words", "character 4 is a space (U+0020 SPACE)"),
        Map.entry("a\u00a0b", "character 2 is a space (U+00A0 NO-BREAK SPACE)"),
        Map.entry("a\u0000b", "character 2 is a control character (U+0000 NULL)"),
        Map.entry("\u001b[31m", "character 1 is a control character (U+001B ESCAPE)"),
        Map.entry("a\u007f", "U+007F DELETE"),
        Map.entry("a\u0085", "control character (U+0085 NEXT LINE"),
        Map.entry("a\u009bx", "control character (U+009B"),
        Map.entry("abc\u202egnp.exe", "character 4 is an invisible or direction character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        Map.entry("a\u2066b", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        Map.entry("a\u200fb", "U+200F RIGHT-TO-LEFT MARK"),
        Map.entry("a\u061cb", "U+061C ARABIC LETTER MARK"),
        Map.entry("a\u200bb", "U+200B ZERO WIDTH SPACE"),
        Map.entry("a\u200db", "U+200D ZERO WIDTH JOINER"),
        Map.entry("a\u2060b", "U+2060 WORD JOINER"),
        Map.entry("\ufeffa", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        Map.entry("a\ud800", "half of a surrogate pair"),
        Map.entry("x".repeat(101), "101 characters"));
    cases.forEach((tag, why) -> {
      String message = refusal(() -> RunLabels.tag(tag));
      assertTrue(message.contains(why), tag + " -> " + message);
      assertTrue(message.contains("a tag is 1 to 100 visible characters"), message);
      assertTrue(message.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL
          || Character.getType(c) == Character.FORMAT), "the message prints safely: " + message);
    });
  }

  @Test
  void accepts_visible_words_in_any_script_up_to_100_characters() {
    for (String tag : List.of("baseline", "lr/0.01", "été", "日本語", "\ud83d\ude80launch", "x".repeat(100),
        "\ud83d\ude80".repeat(100), "<script>")) {
      assertEquals(tag, RunLabels.tag(tag));
    }
  }

  @Test
  void notes_keep_line_breaks_and_tabs_but_refuse_other_controls_and_length() {
    assertEquals("a\nb\r\n\tc \u202bשלום\u202c", RunLabels.note("a\nb\r\n\tc \u202bשלום\u202c"));
    assertEquals(null, RunLabels.note(null));
    assertEquals("n".repeat(10_000), RunLabels.note("n".repeat(10_000)));
    assertTrue(refusal(() -> RunLabels.note("n".repeat(10_001))).contains("10001 characters, at most 10000"));
    assertTrue(refusal(() -> RunLabels.note("one\ntwo\u0000")).contains("line 2 has a control character (U+0000 NULL)"));
    assertTrue(refusal(() -> RunLabels.note("\u0007")).contains("U+0007"));
  }

  @Test
  void the_store_applies_the_rules_on_every_write_but_not_on_removal() {
    try (Workspace ws = Workspace.open(dir.toString(), null, Clock.systemUTC())) {
      RunStore store = ws.store();
      store.create(new NewRun("r", "e", null, Map.of(), Map.of(), Map.of(), Set.of("ok"), Instant.EPOCH));
      assertEquals(refusal(() -> RunLabels.tag("a\u0000b")), refusal(() -> store.addTag("r", "a\u0000b")));
      assertEquals(refusal(() -> RunLabels.note("\u001b")), refusal(() -> store.setNote("r", "\u001b")));
      refusal(() -> new NewRun("s", "e", null, Map.of(), Map.of(), Map.of(), Set.of("two words"), Instant.EPOCH));
      store.removeTag("r", "never\u0000valid");
      store.removeTag("r", "ok");
      assertEquals(Set.of(), store.get("r").orElseThrow().tags());
      assertEquals(null, store.get("r").orElseThrow().note());
    }
  }

  @Test
  void requiring_a_tag_names_the_tags_the_run_has() {
    try (Workspace ws = Workspace.open(dir.toString(), null, Clock.systemUTC())) {
      ws.store().create(new NewRun("r", "e", null, Map.of(), Map.of(), Map.of(), Set.of("b", "a"), Instant.EPOCH));
      Run run = ws.store().get("r").orElseThrow();
      RunLabels.requireTagged(run, "a");
      DescentException e = assertThrows(DescentException.class, () -> RunLabels.requireTagged(run, "a\u200b"));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertEquals("Run 'r' has no tag 'a\\u200B'; its tags: a, b", e.getMessage());
    }
  }
}
