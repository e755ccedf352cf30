package dev.descent.core.sweep;

import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ResolvedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic ids. A cell's id is the first 16 hex digits of the SHA-256 of the {@link CanonicalJson}
 * of what it trains: {@link ResolvedConfig#of} (every default spelled out, the seed included), less the
 * {@code description}, which changes nothing that is trained, and with dataset paths as the file wrote
 * them rather than resolved against the directory the file happens to sit in. So the same file gives
 * the same ids on any machine, reformatting a file or writing {@code 1e-3} for {@code 0.001} changes no
 * id, and a cell whose configuration is unchanged keeps its id when the rest of the file changes.
 */
public final class CellIds {
  private static final List<String> PATH_FIELDS = List.of("directory", "path", "test_path");

  private CellIds() {}

  /** The id of an experiment read from {@code document} (its dataset paths as written). */
  public static String of(Experiment experiment, Map<String, Object> document) {
    return CanonicalJson.hash(hashedConfig(experiment, document));
  }

  /** What a cell id is the hash of. */
  public static Map<String, Object> hashedConfig(Experiment experiment, Map<String, Object> document) {
    Map<String, Object> config = new LinkedHashMap<>(ResolvedConfig.of(experiment));
    config.remove("description");
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = new LinkedHashMap<>((Map<String, Object>) config.get("dataset"));
    if (document.get("dataset") instanceof Map<?, ?> written) {
      for (String field : PATH_FIELDS) {
        if (written.get(field) != null) {
          dataset.put(field, String.valueOf(written.get(field)));
        }
      }
    }
    config.put("dataset", dataset);
    return config;
  }

  /**
   * A sweep's id: the hash of its axes (names in order), its objective and its cells' ids in order.
   * The cells are the whole resolved content of the file (base experiment and grid), so any change that
   * alters what runs, how cells are ordered or how they are ranked makes a new sweep id, while a change
   * that alters nothing trained (formatting, comments, the description) keeps it.
   */
  public static String sweepId(List<String> axes, Objective objective, List<String> cellIds) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("axes", axes);
    content.put("objective", Map.of("metric", objective.metric(), "mode", objective.mode()));
    content.put("cells", cellIds);
    return CanonicalJson.hash(content);
  }
}
