package dev.descent.core.search;

import static dev.descent.core.search.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index follows the store: it catches up after changes made behind its back, and rebuilds to the same. */
class RunIndexCatchUpTest {
  @TempDir Path root;
  /** Inside the temporary directory, so an index moved aside beside it is cleaned up too. */
  private Path dir;

  @BeforeEach
  void setUp() {
    dir = root.resolve("index");
  }

  private static List<String> ids(RunSearch search, String query) {
    return search.search(query, "id", 0, 100).ids();
  }

  /** Changes a store the way another process would while no index is watching. */
  private static void changeBehindTheIndex(InMemoryRunStore store) {
    store.put(run("r-0007", 7).param("optimizer", "adam").param("learning_rate", 3e-4).tags("new").build());
    Run r = store.get("r-0001").orElseThrow();
    store.put(new Run(r.id(), r.experiment(), r.sweepId(), RunStatus.CRASHED, r.config(), r.params(),
        r.provenance(), r.startTime(), null, r.heartbeat(), null, null, r.tags(), "killed by the OOM killer",
        r.summaries(), r.test(), r.sequence()));
    store.delete("r-0002");
  }

  @Test
  void a_lagging_index_catches_up_when_opened() {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex index = RunIndex.open(dir, store)) {
      assertEquals(store.lastSequence(), index.lastIndexedSequence());
    }
    changeBehindTheIndex(store);
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      assertEquals(List.of("r-0001", "r-0007"), ids(search, "optimizer:adam"));
      assertEquals(List.of("r-0001"), ids(search, "status:crashed"));
      assertEquals(List.of("r-0001"), ids(search, "killed"));
      assertEquals(List.of("r-0007"), ids(search, "tag:new AND learning_rate<=1e-3"));
      assertEquals(List.of("r-0001", "r-0004"), ids(search, "tag:baseline"));
      assertEquals(6, search.count(null));
      assertEquals(store.lastSequence(), index.lastIndexedSequence());
    }
  }

  @Test
  void a_search_sees_runs_written_after_the_index_was_opened() {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      assertEquals(List.of("r-0001", "r-0002"), ids(search, "optimizer:adam"));
      changeBehindTheIndex(store);
      assertEquals(List.of("r-0001", "r-0007"), ids(search, "optimizer:adam"));
      assertEquals(List.of(), ids(search, "id:r-0002"));
    }
  }

  @Test
  void catches_up_over_several_pages_of_changes() {
    InMemoryRunStore store = new InMemoryRunStore();
    int n = RunIndex.PAGE * 2 + 7;
    IntStream.range(0, n).forEach(i -> store.put(run("m-" + i, i).param("seed", (long) i).build()));
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      assertEquals(n, search.count(null));
      IntStream.range(0, n).filter(i -> i % 3 == 0).forEach(i -> store.delete("m-" + i));
      IntStream.range(n, n + RunIndex.PAGE + 1).forEach(i -> store.put(run("m-" + i, i).param("seed", (long) i).build()));
      long expected = n - (n + 2) / 3 + RunIndex.PAGE + 1;
      assertEquals(expected, search.count(null));
      assertEquals(expected, search.count("seed>=0"));
      assertEquals(0, search.count("seed:0 OR seed:3"));
    }
  }

  @Test
  void reopening_an_up_to_date_index_applies_nothing() {
    InMemoryRunStore store = HandBuiltRuns.store();
    RunIndex.open(dir, store).close();
    try (RunIndex index = RunIndex.open(dir)) {
      assertEquals(store.lastSequence(), index.lastIndexedSequence());
      assertEquals(0, index.catchUp(store));
    }
  }

  @Test
  void a_run_deleted_and_created_again_stays_found() {
    InMemoryRunStore store = HandBuiltRuns.store();
    RunIndex.open(dir, store).close();
    store.delete("r-0003");
    store.put(run("r-0003", 3).param("optimizer", "adagrad").build());
    try (RunIndex index = RunIndex.open(dir, store)) {
      assertEquals(List.of("r-0003"), ids(new RunSearch(index, store), "optimizer:adagrad"));
    }
  }

  @Test
  void an_index_ahead_of_its_store_is_rebuilt() throws java.io.IOException {
    InMemoryRunStore store = HandBuiltRuns.store();
    changeBehindTheIndex(store);
    RunIndex.open(dir, store).close();
    InMemoryRunStore replaced = new InMemoryRunStore();
    replaced.put(run("x-1", 1).param("optimizer", "adam").build());
    try (RunIndex index = RunIndex.open(dir, replaced)) {
      assertEquals(List.of("x-1"), ids(new RunSearch(index, replaced), "optimizer:adam"));
    }
    try (Stream<Path> beside = java.nio.file.Files.list(root)) {
      assertTrue(beside.anyMatch(p -> p.getFileName().toString().startsWith("index.ahead-")),
          "the old index is moved aside, not wiped");
    }
  }

  @Test
  void rebuild_gives_the_same_results_as_catching_up() {
    InMemoryRunStore store = HandBuiltRuns.store();
    RunIndex.open(dir, store).close();
    changeBehindTheIndex(store);
    List<String> queries = Stream.concat(RunQueryExamplesTest.examples().map(a -> (String) a.get()[0]),
        Stream.of("status:crashed", "tag:new", "killed")).toList();
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      List<List<String>> caughtUp = queries.stream().map(q -> ids(search, q)).toList();
      assertEquals(6, index.rebuild(store));
      assertEquals(caughtUp, queries.stream().map(q -> ids(search, q)).toList());
      assertEquals(store.lastSequence(), index.lastIndexedSequence());
    }
  }

  @Test
  void a_param_that_changes_type_between_runs_does_not_break_indexing() {
    InMemoryRunStore store = new InMemoryRunStore();
    store.put(run("a", 1).param("hidden", 128L).param("activation", "relu").build());
    store.put(run("b", 2).param("hidden", "128x64").param("activation", 3L).build());
    store.put(run("c", 3).param("hidden", "256").build());
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      assertEquals(List.of("a", "c"), ids(search, "hidden>=100"));
      assertEquals(List.of("b"), ids(search, "activation:3"));
      assertEquals(3, search.count(null));
    }
  }

  @Test
  void two_processes_sharing_an_index_both_keep_it_up_to_date() {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex first = RunIndex.open(dir, store); RunIndex second = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(second, store);
      assertEquals(6, search.count(null));
      changeBehindTheIndex(store);
      assertTrue(first.catchUp(store) > 0);
      assertEquals(0, second.catchUp(store));
      assertEquals(List.of("r-0001", "r-0007"), ids(search, "optimizer:adam"));
      store.put(run("r-0008", 8).param("optimizer", "adam").build());
      assertEquals(List.of("r-0001", "r-0007", "r-0008"), ids(search, "optimizer:adam"));
      assertEquals(List.of("r-0001", "r-0007", "r-0008"), ids(new RunSearch(first, store), "optimizer:adam"));
    }
  }
}
