package dev.descent.core.plugin;

import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginNames;
import dev.descent.spi.SpiVersion;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Loads the built-in plugins and every {@code *.jar} of a plugin directory, each jar in its own
 * class loader whose parent holds the SPI and ND4J, so a plugin sees the API but not another
 * plugin's classes, and two plugins may bundle different versions of a helper library.
 *
 * <p>A bad jar never stops the others: its problem is recorded (naming the jar and what to fix)
 * and loading goes on. Built-ins are registered first and jars in file-name order, so when two
 * plugins share a name the earlier one wins and the later one is rejected with both named; the
 * outcome does not depend on the directory listing order of the file system.
 */
public final class PluginJars {
  private final ClassLoader parent;
  private final List<PluginEntry> entries = new ArrayList<>();
  private final Map<PluginKind, Map<String, PluginEntry>> taken = new EnumMap<>(PluginKind.class);
  private final List<PluginProblem> problems = new ArrayList<>();

  private PluginJars(ClassLoader parent) {
    this.parent = parent;
    for (PluginKind kind : PluginKind.values()) {
      taken.put(kind, new HashMap<>());
    }
  }

  /**
   * The built-ins visible to {@code spiParent} plus the good plugins of every jar in {@code dir}
   * (sorted by file name). A missing or null directory means no jars.
   */
  public static LoadedPlugins load(Path dir, ClassLoader spiParent) {
    return load(jarsIn(dir), dir, spiParent);
  }

  /**
   * The built-ins plus the good plugins of the given jars, in the order given; {@code descent plugins
   * verify} loads one jar this way, apart from the plugin directory.
   */
  public static LoadedPlugins load(List<Path> jars, Path dir, ClassLoader spiParent) {
    PluginJars loader = new PluginJars(spiParent);
    PluginRegistry.discoverEntries(spiParent).forEach(loader::register);
    for (Path jar : jars) {
      loader.loadJar(jar.toAbsolutePath().normalize());
    }
    return new LoadedPlugins(new PluginRegistry(loader.entries), dir, loader.problems);
  }

  /** The {@code *.jar} files of {@code dir}, sorted; none when it is null or not a directory. */
  public static List<Path> jarsIn(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    } catch (IOException e) {
      throw new PluginException(dev.descent.core.ErrorCode.INVALID_INPUT,
          "cannot list the plugin directory " + dir + ": " + e.getMessage());
    }
  }

  private void register(PluginEntry e) {
    entries.add(e);
    taken.get(e.kind()).put(e.name(), e);
  }

  private void loadJar(Path jar) {
    Manifest manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest();
    } catch (IOException e) {
      problems.add(PluginProblem.rejected(jar, "not a readable jar (" + e.getMessage() + "); remove it from the plugin directory"));
      return;
    }
    Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
    if (!spiVersionAccepted(jar, main.getValue(SpiVersion.MANIFEST_ATTRIBUTE))) {
      return;
    }
    String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
    URLClassLoader loader = newLoader(jar);
    int loaded = 0;
    int failed = 0;
    for (PluginKind kind : PluginKind.values()) {
      Iterator<? extends Plugin> it = ServiceLoader.load(kind.providerType(), loader).iterator();
      for (int guard = 0; guard < 10_000; guard++) {
        Plugin p;
        try {
          if (!it.hasNext()) {
            break;
          }
          p = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          problems.add(PluginProblem.rejected(jar, ProviderFailure.describe(kind, e)));
          failed++;
          continue;
        }
        if (p.getClass().getClassLoader() != loader) {
          continue; // a built-in, seen again through the parent loader
        }
        if (accept(jar, p, version)) {
          loaded++;
        } else {
          failed++;
        }
      }
    }
    if (loaded == 0 && failed == 0) {
      problems.add(PluginProblem.warning(jar, "no plugin found: the jar lists no provider in "
          + "META-INF/services/dev.descent.spi.{Activation,Loss,Optimizer}Provider"));
    }
    if (loaded == 0) {
      closeQuietly(loader);
    }
  }

  /** Rejects a jar built for another SPI major version; warns about one that does not say. */
  private boolean spiVersionAccepted(Path jar, String declared) {
    if (declared == null || declared.isBlank()) {
      problems.add(PluginProblem.warning(jar, "the manifest has no " + SpiVersion.MANIFEST_ATTRIBUTE
          + " attribute; loaded assuming SPI version " + SpiVersion.MAJOR + ". Add '" + SpiVersion.MANIFEST_ATTRIBUTE
          + ": " + SpiVersion.MAJOR + "' to the jar's manifest"));
      return true;
    }
    String major = declared.trim().split("\\.", 2)[0];
    if (!major.equals(Integer.toString(SpiVersion.MAJOR))) {
      problems.add(PluginProblem.rejected(jar, "built for descent SPI version " + declared.trim()
          + " but this descent has SPI version " + SpiVersion.MAJOR + " (" + SpiVersion.MANIFEST_ATTRIBUTE
          + "); rebuild the plugin against descent-plugin-spi of this release"));
      return false;
    }
    return true;
  }

  /** Checks one provider's name against the rules and the names taken; registers it if good. */
  private boolean accept(Path jar, Plugin p, String version) {
    String name;
    PluginKind kind;
    try {
      name = p.name();
      kind = p.kind();
    } catch (RuntimeException e) {
      problems.add(PluginProblem.rejected(jar, p.getClass().getName() + ".name() or kind() threw "
          + ProviderFailure.root(e)));
      return false;
    }
    if (!PluginNames.isValid(name)) {
      problems.add(PluginProblem.rejected(jar, kind.label() + " name '" + name + "' of " + p.getClass().getName()
          + " is invalid: a name must be " + PluginNames.rule()));
      return false;
    }
    PluginEntry previous = taken.get(kind).get(name);
    if (previous != null) {
      problems.add(PluginProblem.rejected(jar, kind.label() + " '" + name + "' of " + p.getClass().getName()
          + " clashes with the " + kind.label() + " '" + name + "' already loaded from " + previous.describeProvider()
          + "; this one is rejected. Rename the plugin or remove one of the jars"));
      return false;
    }
    register(new PluginEntry(p, jar, version));
    return true;
  }

  private URLClassLoader newLoader(Path jar) {
    try {
      URL url = jar.toUri().toURL();
      return new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url}, parent);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing was loaded from it; an open file handle is all that is left
    }
  }
}
