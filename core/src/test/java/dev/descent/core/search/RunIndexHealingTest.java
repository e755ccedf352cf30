package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged index heals itself: it is moved aside (kept, never deleted), rebuilt from a real SQLite store, and
 * said so once. Each test damages the files of a real index the way a crash, a full disk or a stray editor
 * would.
 */
class RunIndexHealingTest {
  private static final Instant NOW = Instant.parse("2026-11-30T11:45:12Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  private Path index;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void setUp() {
    index = dir.resolve("index");
  }

  /** Ten runs: five adam, five sgd. */
  private RunStore store(Path at) {
    RunStore store = SqliteRunStore.open(at);
    if (store.count() == 0) {
      for (int i = 0; i < 10; i++) {
        store.create(new NewRun("r-" + i, "exp", null, Map.of(),
            Map.of("optimizer", i % 2 == 0 ? "adam" : "sgd", "learning_rate", 0.001 * (i + 1)), Map.of(),
            Set.of("t" + i), NOW.minusSeconds(60 - i)));
      }
    }
    return store;
  }

  private RunIndex open(RunStore store) {
    return RunIndex.open(index, store, CLOCK, warnings::add);
  }

  /** Builds a healthy index of the store, damages it, opens it again and checks it healed. */
  private void healsAfter(Damage damage) throws IOException {
    try (RunStore store = store(dir.resolve("store"))) {
      open(store).close();
      damage.apply(index);
      List<String> damaged = names(index);
      try (RunIndex healed = open(store)) {
        assertSearchable(healed, store);
      }
      Path aside = dir.resolve("index.corrupt-20261130T114512Z");
      assertTrue(Files.isDirectory(aside), "old index kept at " + aside + "; dir has " + names(dir));
      assertEquals(damaged, names(aside), "the damaged files are kept as they were");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(aside.toString()), warnings.get(0));
      try (RunIndex again = open(store)) {
        assertSearchable(again, store);
      }
      assertEquals(1, warnings.size(), "a healed index opens without a warning: " + warnings);
    }
  }

  private static void assertSearchable(RunIndex index, RunStore store) {
    RunSearch search = new RunSearch(index, store);
    assertEquals(List.of("r-0", "r-2", "r-4", "r-6", "r-8"), search.search("optimizer:adam", "id", 0, 100).ids());
    assertEquals(10, search.count(null));
    assertEquals(store.lastSequence(), index.lastIndexedSequence());
  }

  private interface Damage {
    void apply(Path index) throws IOException;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static void each(Path index, String pattern, Damage damage) throws IOException {
    boolean any = false;
    for (String name : names(index)) {
      if (name.matches(pattern)) {
        damage.apply(index.resolve(name));
        any = true;
      }
    }
    assertTrue(any, "the index has files matching " + pattern);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }

  @Test
  void heals_a_truncated_compound_file() throws IOException {
    healsAfter(i -> each(i, ".*\\.cfs", f -> truncate(f, Files.size(f) / 2)));
  }

  @Test
  void heals_a_truncated_segment_info() throws IOException {
    healsAfter(i -> each(i, ".*\\.si", f -> truncate(f, 10)));
  }

  @Test
  void heals_an_empty_commit_file() throws IOException {
    healsAfter(i -> each(i, "segments_.*", f -> truncate(f, 0)));
  }

  @Test
  void heals_when_every_file_is_zeroed() throws IOException {
    healsAfter(i -> each(i, "[^w].*", f -> Files.write(f, new byte[(int) Files.size(f)])));
  }

  @Test
  void heals_a_compound_file_garbled_in_the_middle() throws IOException {
    healsAfter(i -> each(i, ".*\\.cfs", f -> {
      byte[] bytes = Files.readAllBytes(f);
      for (int k = bytes.length / 3; k < bytes.length / 3 + 16; k++) {
        bytes[k] ^= 0x5a;
      }
      Files.write(f, bytes);
    }));
  }

  @Test
  void heals_a_junk_commit_file() throws IOException {
    healsAfter(i -> Files.writeString(i.resolve("segments_99"), "not an index"));
  }

  @Test
  void heals_a_missing_segment_file() throws IOException {
    healsAfter(i -> each(i, ".*\\.cfs", Files::delete));
  }

  @Test
  void keeps_segment_files_whose_commit_is_gone() throws IOException {
    healsAfter(i -> each(i, "segments_.*", Files::delete));
  }

  @Test
  void ignores_a_stray_file_that_is_not_part_of_the_index() throws IOException {
    try (RunStore store = store(dir.resolve("store"))) {
      open(store).close();
      Files.writeString(index.resolve("notes.txt"), "mine");
      try (RunIndex same = open(store)) {
        assertSearchable(same, store);
      }
      assertEquals(List.of(), warnings);
      assertEquals(List.of("index", "store"), names(dir));
    }
  }

  @Test
  void files_that_lucene_would_delete_are_moved_aside_with_their_directory() throws IOException {
    Files.createDirectories(index);
    Files.writeString(index.resolve("_draft.txt"), "mine");
    try (RunStore store = store(dir.resolve("store")); RunIndex created = open(store)) {
      assertSearchable(created, store);
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals("mine", Files.readString(dir.resolve("index.corrupt-20261130T114512Z").resolve("_draft.txt")));
  }

  @Test
  void reindex_works_on_a_damaged_index() throws IOException {
    try (RunStore store = store(dir.resolve("store"))) {
      open(store).close();
      each(index, "segments_.*", f -> truncate(f, 0));
      try (RunIndex healed = RunIndex.open(index, CLOCK, warnings::add)) {
        assertEquals(10, healed.rebuild(store));
        assertSearchable(healed, store);
      }
      assertTrue(Files.isDirectory(dir.resolve("index.corrupt-20261130T114512Z")));
      assertEquals(1, warnings.size(), warnings.toString());
    }
  }

  @Test
  void an_index_ahead_of_its_store_is_moved_aside_not_wiped() throws IOException {
    try (RunStore store = store(dir.resolve("store"))) {
      open(store).close();
      store.setNote("r-1", "one more change");
      store.setNote("r-1", "and another");
      open(store).close();
    }
    try (RunStore restored = store(dir.resolve("restored"))) {
      try (RunIndex healed = open(restored)) {
        assertSearchable(healed, restored);
      }
      Path aside = dir.resolve("index.ahead-20261130T114512Z");
      assertTrue(Files.isDirectory(aside), "dir has " + names(dir));
      assertFalse(names(aside).isEmpty());
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("ahead") || warnings.get(0).contains("at change"), warnings.get(0));
    }
  }

  @Test
  void a_second_damage_the_same_second_gets_its_own_directory() throws IOException {
    try (RunStore store = store(dir.resolve("store"))) {
      for (int round = 0; round < 2; round++) {
        open(store).close();
        each(index, "segments_.*", f -> truncate(f, 0));
        open(store).close();
      }
      assertTrue(Files.isDirectory(dir.resolve("index.corrupt-20261130T114512Z")));
      assertTrue(Files.isDirectory(dir.resolve("index.corrupt-20261130T114512Z-2")));
      assertEquals(2, warnings.size(), warnings.toString());
    }
  }
}
