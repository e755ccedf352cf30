package dev.descent.core.plugin;

import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * A loaded plugin with where it came from: what {@code descent plugins list} shows and what every
 * run records as provenance.
 */
public final class PluginEntry {
  private final Plugin plugin;
  private final Path source;
  private final String manifestVersion;
  private volatile String sha256;

  PluginEntry(Plugin plugin, Path source) {
    this(plugin, source, null);
  }

  /**
   * An entry whose version is the {@code Implementation-Version} of the jar it was loaded from, when
   * the jar has one: the jar, not the plugin's own code, is what provenance must identify.
   */
  PluginEntry(Plugin plugin, Path source, String manifestVersion) {
    this.plugin = plugin;
    this.source = source;
    this.manifestVersion = manifestVersion;
  }

  /** Where the provider class was loaded from, as a path (a jar, or a classes folder in a build). */
  static Path sourceOf(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(cs.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  public Plugin plugin() {
    return plugin;
  }

  public PluginKind kind() {
    return plugin.kind();
  }

  public String name() {
    return plugin.name();
  }

  /** The jar manifest's {@code Implementation-Version} if known, else {@link Plugin#version()}. */
  public String version() {
    return manifestVersion != null ? manifestVersion : plugin.version();
  }

  public String providerClass() {
    return plugin.getClass().getName();
  }

  /** The jar or folder the provider came from; null when unknown. */
  public Path source() {
    return source;
  }

  /** SHA-256 of the jar ({@link JarDigests}: read once per process); "-" for a folder or an unknown source. */
  public String sha256() {
    String s = sha256;
    if (s == null) {
      s = source != null && Files.isRegularFile(source) ? JarDigests.of(source) : "-";
      sha256 = s;
    }
    return s;
  }

  /** Who provides this plugin, for conflict messages: class and jar. */
  public String describeProvider() {
    return providerClass() + " (" + (source == null ? "unknown location" : source.toString()) + ")";
  }
}
