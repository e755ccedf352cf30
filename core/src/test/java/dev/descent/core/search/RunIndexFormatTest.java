package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written by an older descent (before a field was added) is rebuilt where it is on the next open, so
 * the new fields work without `descent runs reindex`, and nothing is moved aside or warned about: an upgrade is
 * not damage.
 */
class RunIndexFormatTest {
  @TempDir Path root;

  /** Rewrites the last commit's format number, as an older descent would have left it. */
  private static void stampFormat(Path index, String format) throws IOException {
    try (FSDirectory dir = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      Map<String, String> data = new java.util.HashMap<>();
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put(IndexCommits.FORMAT_KEY, format);
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    }
  }

  @Test
  void an_index_of_an_older_format_is_rebuilt_in_place_once_without_a_warning() throws IOException {
    Path index = root.resolve("index");
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex opened = RunIndex.open(index, store)) {
      assertEquals(store.lastSequence(), opened.lastIndexedSequence());
    }
    stampFormat(index, "1");
    // an older index lacks the newer documents' fields: drop one run's document to see the rebuild restore it
    try (FSDirectory dir = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      writer.deleteDocuments(new org.apache.lucene.index.Term("id", "r-0004"));
      writer.commit();
    }
    List<String> warnings = new ArrayList<>();
    try (RunIndex reopened = RunIndex.open(index, store, Clock.systemUTC(), warnings::add)) {
      RunSearch search = new RunSearch(reopened, store);
      assertEquals(List.of("r-0001", "r-0004"), search.search("tag:baseline", "id", 0, 10).ids());
      assertEquals(store.lastSequence(), reopened.lastIndexedSequence());
    }
    assertEquals(List.of(), warnings, "an upgrade is said at INFO, not warned about as damage");
    try (Stream<Path> beside = Files.list(root)) {
      assertEquals(List.of(index), beside.toList(), "nothing moved aside");
    }
  }

  @Test
  void a_format_2_index_gains_the_fields_of_the_per_epoch_history_on_its_next_open() throws IOException {
    Path index = root.resolve("index");
    InMemoryRunStore store = new InMemoryRunStore();
    Runs curves = Runs.run("curves", 1).curve("val_accuracy", 0.7, 0.9).curve("train_accuracy", 0.8, 0.99);
    store.put(curves);
    RunIndex.open(index, store).close();
    // what descent wrote before format 3: the same run, without the fields its history gives
    try (FSDirectory dir = FSDirectory.open(index);
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      writer.deleteAll();
      writer.addDocument(new RunDocuments(FieldCatalog.empty()).build(store.get("curves").orElseThrow(), List.of()));
      writer.commit();
    }
    stampFormat(index, "2");
    List<String> warnings = new ArrayList<>();
    try (RunIndex reopened = RunIndex.open(index, store, Clock.systemUTC(), warnings::add)) {
      RunSearch search = new RunSearch(reopened, store);
      assertEquals(List.of("curves"), search.search("overfit_gap:0.09 AND val_accuracy.epochs_to(0.85):2", null, 0,
          10).ids());
      assertEquals(List.of("curves"), search.search(null, "val_accuracy.epochs_to(0.85):asc", 0, 10).ids());
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void an_index_of_an_unknown_format_is_still_moved_aside_and_rebuilt() throws IOException {
    Path index = root.resolve("index");
    InMemoryRunStore store = HandBuiltRuns.store();
    RunIndex.open(index, store).close();
    stampFormat(index, "future-format");
    List<String> warnings = new ArrayList<>();
    try (RunIndex reopened = RunIndex.open(index, store, Clock.systemUTC(), warnings::add)) {
      assertEquals(6, new RunSearch(reopened, store).count(null));
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("another format"), warnings.get(0));
  }
}
