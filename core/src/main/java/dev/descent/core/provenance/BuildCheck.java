package dev.descent.core.provenance;

import dev.descent.core.data.DatasetHash;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether this process may train a cell whose run was entered (maybe on another machine) with the
 * provenance {@code recorded}: every plugin the cell names must be here with the same jar SHA-256 (else
 * the run would be made with another build), and every dataset file must have the same content. A
 * descent version that differs only warns: the stored configuration reading back as the same experiment
 * is checked elsewhere ({@code StoredSweeps}). Runs entered before these were recorded are not checked.
 *
 * @param refusals why the cell must not be trained here, one sentence each; empty when it may
 * @param warning a descent version mismatch, or null
 */
public record BuildCheck(List<String> refusals, String warning) {

  public boolean refused() {
    return !refusals.isEmpty();
  }

  /** Checks {@code e} against the provenance its run was entered with. */
  public static BuildCheck of(Map<String, Object> recorded, Experiment e, PluginRegistry plugins) {
    List<String> refusals = new ArrayList<>();
    if (recorded.get("plugins") instanceof List<?> used) {
      Map<String, Map<String, Object>> here = byKey(Provenance.pluginsUsedOrMissing(e, plugins));
      for (Object o : used) {
        if (o instanceof Map<?, ?> p) {
          String key = p.get("kind") + " '" + p.get("name") + "'";
          Map<String, Object> mine = here.get(key);
          Object want = p.get("sha256");
          String where = p.get("jar") == null ? "built in" : String.valueOf(p.get("jar"));
          if (mine == null) {
            refusals.add(key + " is not installed here but the sweep recorded sha256 " + shortHash(want)
                + " (" + where + "); install the same jar or let another worker take it");
          } else if (!Objects.equals(want, mine.get("sha256"))) {
            refusals.add(key + " here is sha256 " + shortHash(mine.get("sha256")) + " ("
                + (mine.get("jar") == null ? "built in" : mine.get("jar")) + ") but the sweep recorded "
                + shortHash(want) + " (" + where + "); install the same jar or let another worker take it");
          }
        }
      }
    }
    if (recorded.get("dataset") instanceof Map<?, ?> data) {
      Map<String, Object> here = DatasetHash.of(e.dataset());
      if (data.get("files") instanceof Map<?, ?> files) {
        for (Map.Entry<?, ?> f : files.entrySet()) {
          if (f.getValue() == null) {
            continue; // not there when the sweep was entered: the cell fails here as it did there
          }
          String mine = DatasetHash.fileSha256(java.nio.file.Path.of(String.valueOf(f.getKey())));
          if (mine == null) {
            refusals.add("dataset file " + f.getKey() + " is missing here; the sweep recorded sha256 "
                + shortHash(f.getValue()) + "; copy the same file there or let another worker take it");
          } else if (!mine.equals(f.getValue())) {
            refusals.add("dataset file " + f.getKey() + " here is sha256 " + shortHash(mine)
                + " but the sweep recorded " + shortHash(f.getValue())
                + "; copy the same file there or let another worker take it");
          }
        }
      } else if (data.get("generated") != null && !data.get("generated").equals(here.get("generated"))) {
        refusals.add("dataset '" + data.get("name") + "' is generated here from another spec (sha256 "
            + shortHash(here.get("generated")) + ", the sweep recorded " + shortHash(data.get("generated")) + ")");
      }
    }
    Object version = recorded.get("descent_version");
    String warning = version == null || version.equals(Provenance.descentVersion()) ? null
        : "this is descent " + Provenance.descentVersion() + " but the sweep was entered by descent " + version
            + "; training goes on";
    return new BuildCheck(List.copyOf(refusals), warning);
  }

  /**
   * The plugins {@code recorded} names that this registry lacks, one refusal each: a cell naming one
   * cannot even be read back as an experiment here, so this is asked before it is.
   */
  public static List<String> missingPlugins(Map<String, Object> recorded, PluginRegistry plugins) {
    List<String> out = new ArrayList<>();
    if (recorded.get("plugins") instanceof List<?> used) {
      for (Object o : used) {
        if (o instanceof Map<?, ?> p) {
          PluginKind kind = java.util.Arrays.stream(PluginKind.values())
              .filter(k -> k.label().equals(p.get("kind"))).findFirst().orElse(null);
          if (kind != null && !plugins.has(kind, String.valueOf(p.get("name")))) {
            out.add(kind.label() + " '" + p.get("name") + "' is not installed here but the sweep recorded sha256 "
                + shortHash(p.get("sha256")) + " (" + (p.get("jar") == null ? "built in" : p.get("jar"))
                + "); install the same jar or let another worker take it");
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> plugins) {
    Map<String, Map<String, Object>> m = new java.util.HashMap<>();
    plugins.forEach(p -> m.put(p.get("kind") + " '" + p.get("name") + "'", p));
    return m;
  }

  /** The first 12 hex digits, enough to tell builds apart in a message. */
  static String shortHash(Object sha) {
    String s = String.valueOf(sha);
    return sha == null ? "(none: built in)" : s.length() > 12 ? s.substring(0, 12) + ".." : s;
  }
}
