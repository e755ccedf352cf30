package dev.descent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginDirectoryTest {

  @Test
  void the_flag_wins_over_the_environment() {
    assertEquals(Path.of("/x/p"), PluginDirectory.resolve("/x/p", null, Map.of("DESCENT_PLUGINS", "/y")));
  }

  @Test
  void the_environment_wins_over_the_store() {
    assertEquals(Path.of("/y"), PluginDirectory.resolve(null, "/s/store", Map.of("DESCENT_PLUGINS", "/y")));
  }

  @Test
  void by_default_plugins_sit_inside_the_store_directory_not_in_the_working_directory() {
    assertEquals(Path.of("/s/store/plugins"), PluginDirectory.resolve(null, "/s/store", Map.of()));
    assertEquals(Path.of("/t/runs/plugins"), PluginDirectory.resolve(null, null, Map.of("DESCENT_STORE", "/t/runs")));
    Path cwd = Path.of("").toAbsolutePath();
    assertEquals(cwd.resolve("descent-store").resolve("plugins"), PluginDirectory.resolve(null, null, Map.of()));
    assertNotEquals(cwd.resolve("plugins"), PluginDirectory.resolve(null, null, Map.of()));
  }

  @Test
  void a_postgresql_store_has_no_default_plugin_directory() {
    assertNull(PluginDirectory.resolve(null, "postgresql://h:5432/db?user=u", Map.of()));
  }
}
