package dev.descent.core.plugin;

import dev.descent.core.store.RunStores;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where third-party plugin jars are looked for: {@code --plugins DIR}, else {@code $DESCENT_PLUGINS},
 * else the {@code plugins} folder inside the store directory (for the default store
 * {@code ./descent-store} that is {@code ./descent-store/plugins}). A PostgreSQL store has no
 * directory, so without the flag or the variable there is no plugin directory.
 *
 * <p>Why inside the store: the plugins a store's runs used belong with those runs (each run records
 * its jar's path and SHA-256), and a folder next to the store was {@code ./plugins}, which inside
 * a checkout of descent is the repository's own source folder of the plugin modules. The store
 * directory is the user's, never a source folder.
 */
public final class PluginDirectory {
  /** The environment variable naming the plugin directory when {@code --plugins} is not given. */
  public static final String ENV = "DESCENT_PLUGINS";

  private PluginDirectory() {}

  /** The directory to read, or null for none; {@code storeFlag} is the command's {@code --store}, if any. */
  public static Path resolve(String flag, String storeFlag) {
    return resolve(flag, storeFlag, System.getenv());
  }

  static Path resolve(String flag, String storeFlag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return Path.of(flag);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String store = storeFlag != null && !storeFlag.isBlank() ? storeFlag : env.get(RunStores.ENV);
    if (store == null || store.isBlank()) {
      store = RunStores.DEFAULT_LOCATION;
    }
    if (store.contains("://")) {
      return null;
    }
    return Path.of(store).toAbsolutePath().normalize().resolve("plugins");
  }
}
