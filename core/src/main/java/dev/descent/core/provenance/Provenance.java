package dev.descent.core.provenance;

import dev.descent.core.data.DatasetHash;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.LayerSpec;
import dev.descent.core.experiment.PluginRef;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.PluginKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is needed to run an experiment again and trust its numbers: each plugin it used (kind,
 * name, version, provider class, jar SHA-256), the dataset's content hash ({@link DatasetHash}), the numeric backend, JVM, OS, host, the descent
 * version and the git commit of the experiment file's repository.
 */
public final class Provenance {
  private Provenance() {}

  public static Map<String, Object> of(Experiment e, PluginRegistry plugins, Backend backend, Path experimentFile) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plugins", pluginsUsed(e, plugins));
    m.put("backend", backend.asMap());
    m.put("dataset", DatasetHash.of(e.dataset()));
    m.put("descent_version", descentVersion());
    m.put("host", host());
    m.put("user", System.getProperty("user.name"));
    if (experimentFile != null) {
      m.put("experiment_file", experimentFile.toAbsolutePath().normalize().toString());
      GitCommit.of(experimentFile).ifPresent(c -> m.put("git_commit", c));
    }
    return m;
  }

  /** One entry per plugin the experiment names, in kind order. */
  static List<Map<String, Object>> pluginsUsed(Experiment e, PluginRegistry plugins) {
    return pluginsUsed(e, plugins, false);
  }

  /** As {@link #pluginsUsed(Experiment, PluginRegistry)}, leaving out plugins this registry lacks. */
  static List<Map<String, Object>> pluginsUsedOrMissing(Experiment e, PluginRegistry plugins) {
    return pluginsUsed(e, plugins, true);
  }

  private static List<Map<String, Object>> pluginsUsed(Experiment e, PluginRegistry plugins, boolean skipMissing) {
    Set<String> seen = new LinkedHashSet<>();
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object[]> refs = new ArrayList<>();
    for (LayerSpec l : e.model().layers()) {
      if (l instanceof LayerSpec.Dense d) {
        refs.add(new Object[] {PluginKind.ACTIVATION, d.activation()});
      }
    }
    refs.add(new Object[] {PluginKind.LOSS, e.model().loss()});
    refs.add(new Object[] {PluginKind.OPTIMIZER, e.training().optimizer()});
    for (Object[] r : refs) {
      PluginKind kind = (PluginKind) r[0];
      String name = ((PluginRef) r[1]).name();
      if (seen.add(kind + ":" + name) && !(skipMissing && !plugins.has(kind, name))) {
        PluginEntry entry = plugins.entry(kind, name);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind.label());
        p.put("name", name);
        p.put("version", entry.version());
        p.put("provider", entry.providerClass());
        p.put("jar", entry.source() == null ? null : entry.source().toString());
        p.put("sha256", entry.sha256());
        out.add(p);
      }
    }
    return out;
  }

  public static String descentVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
