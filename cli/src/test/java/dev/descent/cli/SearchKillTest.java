package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TPE search with ASHA, killed with kill -9 mid-trial and run again with the same command: it ends with
 * exactly trials x seeds runs that have an outcome (finished, pruned or diverged), and no trial runs twice.
 */
class SearchKillTest {
  private static final int TRIALS = 18;
  private static final String SEARCH = TpeSearchFile.of("kill-search", 1600, 6, TRIALS);

  @TempDir
  Path dir;

  private Process start(Path file, Path store, Path log) throws Exception {
    return CliProcess.descent("run", file.toString(), "--store", store.toString(), "--index",
        dir.resolve("index").toString(), "--workers", "1").log(log).start();
  }

  private static Map<String, Run> runs(Path store) {
    Map<String, Run> m = new HashMap<>();
    try (RunStore s = SqliteRunStore.open(store)) {
      s.list(0, 1000).forEach(r -> m.put(r.id(), r));
    }
    return m;
  }

  private static long ended(Map<String, Run> runs) {
    return runs.values().stream().filter(r -> r.status().outcome()).count();
  }

  private static List<String> starts(String log) {
    List<String> started = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.startsWith("start  ")) {
        started.add(line.split("\\s+")[1]);
      }
    }
    return started;
  }

  @Test
  void kill_nine_mid_search_then_the_same_command_ends_with_exactly_the_trials_and_none_twice() throws Exception {
    Path file = dir.resolve("search.yaml");
    Files.writeString(file, SEARCH);
    Path store = dir.resolve("store");
    Process first = start(file, store, dir.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (true) {
      Map<String, Run> now = Files.exists(store) ? runs(store) : Map.of();
      if (ended(now) >= 12 && now.values().stream().anyMatch(r -> r.status() == RunStatus.RUNNING)) {
        break;
      }
      assertTrue(first.isAlive(), "the search ended before it could be killed: " + Files.readString(dir.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no progress: " + Files.readString(dir.resolve("first.log")));
      Thread.sleep(50);
    }
    first.destroyForcibly().waitFor();
    Map<String, Run> before = runs(store);
    assertTrue(before.values().stream().anyMatch(r -> r.status() == RunStatus.RUNNING), "a trial was mid-training");

    Process second = start(file, store, dir.resolve("second.log"));
    assertTrue(second.waitFor(300, TimeUnit.SECONDS), "the resumed search did not end");
    String log = Files.readString(dir.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);

    Map<String, Run> after = runs(store);
    assertEquals(TRIALS, after.size(), "exactly trials x seeds runs: " + log);
    assertEquals(TRIALS, ended(after), "every trial has an outcome: " + log);
    assertTrue(after.values().stream().anyMatch(r -> r.status() == RunStatus.PRUNED), "asha pruned some: " + log);
    List<String> again = starts(log);
    assertEquals(again.size(), new HashSet<>(again).size(), "a trial started twice: " + log);
    before.values().stream().filter(r -> r.status().outcome()).forEach(r -> {
      assertFalse(again.contains(r.id()), "trial " + r.id() + " had an outcome and started again");
      assertEquals(r.startTime(), after.get(r.id()).startTime(), "trial " + r.id() + " ran again");
    });
    assertEquals(TRIALS - ended(before), again.size(), "the rerun ran each trial without an outcome once: " + log);
  }
}
