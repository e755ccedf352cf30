package dev.descent.core.plugin;

import dev.descent.core.ErrorCode;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.LossProvider;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import dev.descent.spi.PluginNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every activation, loss and optimizer this process can use, by kind and name. Built from
 * {@link ServiceLoader} with an explicit class loader, so the built-ins and third-party jars are
 * found the same way; no static state.
 */
public final class PluginRegistry {
  private final Map<PluginKind, Map<String, PluginEntry>> byKind = new EnumMap<>(PluginKind.class);

  /** A registry of the given entries; fails on a bad name or two plugins of one kind sharing a name. */
  public PluginRegistry(Collection<PluginEntry> entries) {
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (PluginEntry e : entries) {
      if (!PluginNames.isValid(e.name())) {
        throw new PluginException(ErrorCode.PLUGIN_CONFLICT, "Invalid " + e.kind().label() + " name '" + e.name()
            + "' from " + e.describeProvider() + ": a name must be " + PluginNames.rule() + ".");
      }
      PluginEntry previous = byKind.get(e.kind()).putIfAbsent(e.name(), e);
      if (previous != null) {
        throw new PluginException(ErrorCode.PLUGIN_CONFLICT, "Two " + e.kind().label() + " plugins are named '"
            + e.name() + "': " + previous.describeProvider() + " and " + e.describeProvider()
            + ". Remove one of the jars.");
      }
    }
  }

  /** Discovers every provider visible to {@code loader}. */
  public static PluginRegistry discover(ClassLoader loader) {
    return new PluginRegistry(discoverEntries(loader));
  }

  /** Discovers every provider visible to {@code loader} and adds {@code extra} ones (tests, embedding). */
  public static PluginRegistry discover(ClassLoader loader, List<? extends Plugin> extra) {
    List<PluginEntry> entries = discoverEntries(loader);
    extra.forEach(p -> entries.add(new PluginEntry(p, PluginEntry.sourceOf(p.getClass()))));
    return new PluginRegistry(entries);
  }

  /** The entries {@link ServiceLoader} finds for every kind through {@code loader}. */
  public static List<PluginEntry> discoverEntries(ClassLoader loader) {
    List<PluginEntry> entries = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      for (Plugin p : ServiceLoader.load(kind.providerType(), loader)) {
        entries.add(new PluginEntry(p, PluginEntry.sourceOf(p.getClass())));
      }
    }
    return entries;
  }

  public ActivationProvider activation(String name) {
    return (ActivationProvider) entry(PluginKind.ACTIVATION, name).plugin();
  }

  public LossProvider loss(String name) {
    return (LossProvider) entry(PluginKind.LOSS, name).plugin();
  }

  public OptimizerProvider optimizer(String name) {
    return (OptimizerProvider) entry(PluginKind.OPTIMIZER, name).plugin();
  }

  /** Whether a plugin of that kind and name exists. */
  public boolean has(PluginKind kind, String name) {
    return byKind.get(kind).containsKey(name);
  }

  /** The entry for a name, or a {@link PluginException} listing the names available. */
  public PluginEntry entry(PluginKind kind, String name) {
    PluginEntry e = byKind.get(kind).get(name);
    if (e == null) {
      throw new PluginException(ErrorCode.INVALID_INPUT, unknownMessage(kind, name));
    }
    return e;
  }

  /**
   * {@code Unknown optimizer 'adamw'. Available: adadelta, adagrad, adam, rmsprop, sgd. Put the jar
   * that provides it in plugins/ or on the classpath.}
   */
  public String unknownMessage(PluginKind kind, String name) {
    return "Unknown " + kind.label() + " '" + name + "'. Available: " + String.join(", ", names(kind))
        + ". Put the jar that provides it in plugins/ or on the classpath.";
  }

  /** The names of one kind, sorted. */
  public List<String> names(PluginKind kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }

  /** Every entry, by kind then name. */
  public List<PluginEntry> entries() {
    List<PluginEntry> all = new ArrayList<>();
    byKind.values().forEach(m -> all.addAll(m.values()));
    return all;
  }
}
