package dev.descent.core.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.OpenMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that lost its database is refused before its index is opened: the index keeps the last record of its runs. */
class WorkspaceOpeningTest {
  @TempDir
  Path temp;

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void an_index_is_never_rebuilt_over_a_store_whose_database_was_emptied() throws Exception {
    String store = temp.resolve("store").toString();
    try (Workspace ws = Workspace.open(store, null, Clock.systemUTC(), OpenMode.CREATE_IF_NEW)) {
      for (int i = 0; i < 3; i++) {
        ws.store().create(new NewRun("run" + i, "e", null, Map.of(), Map.of("lr", 0.1 * i), Map.of(),
            new TreeSet<>(), Instant.EPOCH));
      }
      ws.sync();
      assertEquals(3, ws.search().search("", null, 0, 10).total());
    }
    Path db = Path.of(store, "runs.db");
    Files.write(db, new byte[0]);
    Map<String, byte[]> before = files(Path.of(store));
    for (OpenMode mode : OpenMode.values()) {
      DescentException e = assertThrows(DescentException.class, () -> Workspace.open(store, null, Clock.systemUTC(), mode));
      assertTrue(e.getMessage().contains("runs.db is empty") && e.getMessage().contains("search index"), e.getMessage());
    }
    Map<String, byte[]> after = files(Path.of(store));
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
  }
}
