package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TPE search with ASHA entered by `descent sweeps submit` and worked by two `descent worker`
 * processes that have only the store: the workers prune and propose trials as `descent run` does (the
 * plan is read from the sweep's record), and the search ends with exactly trials x seeds outcomes, none
 * run twice.
 */
class WorkerSearchTest {
  private static final int TRIALS = 16;
  private static final int STARTUP = 10;
  /** 8,000 samples: cells long enough that the two workers work side by side. */
  private static final String SEARCH = TpeSearchFile.of("worker-search", 8000, 4, TRIALS);

  @TempDir
  Path dir;

  private Process start(String host, Path log, String... args) throws Exception {
    return CliProcess.descent(args).in(dir.resolve(host)).host(host).log(log).start();
  }

  private static List<String> starts(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("start  ")).map(l -> l.split("\\s+")[1]).toList();
  }

  @Test
  void workers_with_the_store_alone_prune_and_propose_and_the_search_ends_with_exactly_its_trials() throws Exception {
    Path file = Files.writeString(dir.resolve("search.yaml"), SEARCH);
    Path store = dir.resolve("store");
    // entered without being worked on, so the workers alone run it: training got fast enough that a `descent run`
    // beside them finished the 16 trials before a worker JVM had started
    Process run = start("host-a", dir.resolve("run.log"), "sweeps", "submit", file.toString(), "--store",
        store.toString());
    assertTrue(run.waitFor(120, TimeUnit.SECONDS), "submit did not end");
    Process b = start("host-b", dir.resolve("b.log"), "worker", "--store", store.toString(), "--workers", "1",
        "--idle-exit", "20s");
    Process c = start("host-c", dir.resolve("c.log"), "worker", "--store", store.toString(), "--workers", "1",
        "--idle-exit", "20s");
    for (Process p : List.of(run, b, c)) {
      assertTrue(p.waitFor(400, TimeUnit.SECONDS), "a process did not end");
    }
    String logs = Files.readString(dir.resolve("run.log")) + Files.readString(dir.resolve("b.log"))
        + Files.readString(dir.resolve("c.log"));
    assertEquals(0, run.exitValue(), logs);
    assertEquals(0, b.exitValue(), logs);
    assertEquals(0, c.exitValue(), logs);

    Map<String, Run> runs = new LinkedHashMap<>();
    List<String> order;
    try (RunStore s = SqliteRunStore.open(store)) {
      String sweep = s.sweeps().get(0).sweepId();
      order = s.cellIds(sweep);
      s.summaries(order).forEach(r -> runs.put(r.id(), r));
    }
    assertEquals(TRIALS, runs.size(), "exactly trials x seeds runs:\n" + logs);
    runs.values().forEach(r -> assertTrue(r.status().outcome(), r.id() + " " + r.status() + "\n" + logs));

    List<String> byRun = starts(dir.resolve("run.log"));
    List<String> byWorkers = new ArrayList<>(starts(dir.resolve("b.log")));
    byWorkers.addAll(starts(dir.resolve("c.log")));
    List<String> all = new ArrayList<>(byRun);
    all.addAll(byWorkers);
    assertEquals(all.size(), new HashSet<>(all).size(), "a trial started twice:\n" + logs);
    assertEquals(TRIALS, all.size(), "every trial started once:\n" + logs);

    Set<String> proposed = new HashSet<>(order.subList(STARTUP, TRIALS)); // TPE's, after the random startup trials
    assertTrue(byWorkers.stream().anyMatch(proposed::contains), "a worker proposed and ran a TPE trial:\n" + logs);
    assertTrue(byWorkers.stream().anyMatch(id -> runs.get(id).status() == RunStatus.PRUNED),
        "a worker pruned a trial:\n" + logs);
    assertTrue(logs.contains(": " + TRIALS + " cells, "), "progress counts trials x seeds:\n" + logs);
  }
}
