package dev.descent.core.plugin;

import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /** SHA-256 of the jar, computed once; "-" for a folder or an unknown source. */
  public String sha256() {
    String s = sha256;
    if (s == null) {
      s = source != null && Files.isRegularFile(source) ? digest(source) : "-";
      sha256 = s;
    }
    return s;
  }

  private static String digest(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin jar " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Who provides this plugin, for conflict messages: class and jar. */
  public String describeProvider() {
    return providerClass() + " (" + (source == null ? "unknown location" : source.toString()) + ")";
  }
}
