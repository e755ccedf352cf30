package dev.descent.core.search;

import static dev.descent.core.search.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.Tmpfs;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index shares the store's disk: when that disk fills while the index catches up, the user hears the
 * store's own message ("the store's disk is full", what to do), not an internal index error, and the index
 * catches up once space is back. A write command whose database commit fit but whose index update did not
 * (CI saw exactly this) must say the same thing.
 */
class RunIndexDiskFullTest {
  @TempDir Path temp;

  @Test
  void an_index_update_on_a_full_disk_names_the_full_disk_and_catches_up_once_space_is_back() throws Exception {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (Tmpfs fs = Tmpfs.mount(temp, "2m")) {
      Path dir = fs.dir().resolve("store").resolve("index");
      try (RunIndex index = RunIndex.open(dir, store)) {
        IntStream.range(0, 400).forEach(i -> store.put(run("big-" + i, i).param("note", "x".repeat(2000) + i).build()));
        fs.fill(0);
        DescentException e = assertThrows(DescentException.class, () -> index.catchUp(store));
        assertEquals(ErrorCode.STORE_FULL, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("the store's disk is full (") && e.getMessage().contains("search index")
            && e.getMessage().contains(fs.dir().resolve("store").toString()) && e.getMessage().contains("free space"),
            e.getMessage());
        fs.resize("64m");
        index.catchUp(store);
        assertEquals(store.lastSequence(), index.lastIndexedSequence());
        assertEquals(406, new RunSearch(index, store).count(null));
      }
    }
  }
}
