package dev.descent.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where kept weights go: --artifacts, else DESCENT_ARTIFACTS, else beside a SQLite store, else per host. */
class ArtifactsDirectoryTest {
  private static final String PG = "postgresql://db:5432/descent?user=u";

  @Test
  void the_flag_wins_over_the_environment_for_either_kind_of_store() {
    assertEquals(Path.of("/shared/a"), Workspace.artifactsDirectory(PG, "/shared/a", "/env/b"));
    assertEquals(Path.of("/shared/a"), Workspace.artifactsDirectory("/tmp/store", "/shared/a", "/env/b"));
  }

  @Test
  void the_environment_is_used_without_the_flag() {
    assertEquals(Path.of("/env/b"), Workspace.artifactsDirectory(PG, null, "/env/b"));
    assertEquals(Path.of("/env/b"), Workspace.artifactsDirectory("/tmp/store", " ", "/env/b"));
  }

  @Test
  void without_either_a_sqlite_store_keeps_them_inside_and_postgresql_under_this_hosts_home() {
    assertEquals(Path.of("/tmp/store", "artifacts"), Workspace.artifactsDirectory("/tmp/store", null, null));
    Path pg = Workspace.artifactsDirectory(PG, null, "");
    assertTrue(pg.startsWith(Path.of(System.getProperty("user.home"), ".descent", "artifacts")), pg.toString());
  }
}
