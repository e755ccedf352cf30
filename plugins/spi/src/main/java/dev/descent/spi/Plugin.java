package dev.descent.spi;

import java.util.List;
import java.util.Map;

/**
 * What every plugin has: a name that experiment files and stored runs refer to, a description,
 * and the parameters it accepts.
 *
 * <p>A provider is created once per process through its public no-arg constructor and must be
 * stateless and thread-safe: sweeps configure it from several threads at once.
 */
public interface Plugin {

  /**
   * The stable name ({@code adam}, {@code relu}): lowercase letters, digits and underscores, starting
   * with a letter, at most 40 characters (see {@link PluginNames}). Stored runs refer to it, so the
   * mathematics behind a released name never changes; a new behaviour gets a new name.
   */
  String name();

  /** One sentence for {@code descent plugins list}. */
  String description();

  /** The parameters {@code configure} accepts, with their defaults and allowed ranges. */
  List<ParamSpec> parameters();

  /** The kind of plugin, which decides the namespace its name lives in. */
  PluginKind kind();

  /**
   * The plugin's version: by default the {@code Implementation-Version} of the jar that holds it.
   */
  default String version() {
    String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
    return v == null ? "unversioned" : v;
  }

  /**
   * Validates raw parameters against {@link #parameters()}: unknown keys and out-of-range values
   * are rejected with every problem listed at once, missing keys take their defaults.
   */
  default Params resolve(Map<String, ?> raw) {
    return Params.resolve(this, raw);
  }
}
