package dev.descent.core.experiment;

import dev.descent.core.data.DataException;
import dev.descent.core.data.DatasetSpec;
import dev.descent.core.data.Datasets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code dataset:} section onto the named dataset's defaults. */
final class DatasetSection {
  private static final Set<String> KEYS = Set.of("name", "directory", "path", "test_path", "label_column",
      "feature_columns", "task", "validation_split", "test_split", "limit", "test_limit", "scale", "samples",
      "test_samples", "noise", "seed");
  private final ConfigNode node;
  private final Path baseDir;

  DatasetSection(ConfigNode node, Path baseDir) {
    this.node = node;
    this.baseDir = baseDir;
  }

  DatasetSpec read() {
    node.rejectUnknownKeys(KEYS);
    String name = node.choice("name", null, new HashSet<>(Datasets.names()));
    if (name == null) {
      return null;
    }
    DatasetSpec d = DatasetSpec.defaults(name);
    Path directory = path("directory", d.directory());
    Path path = path("path", d.path());
    Path testPath = path("test_path", d.testPath());
    if ("csv".equals(name) && path == null && !node.has("path")) {
      node.problem("path", "missing; a csv dataset needs the path of its CSV file");
    }
    if ("mnist".equals(name) && directory == null && !node.has("directory")) {
      node.problem("directory", "missing; mnist needs the directory holding its four IDX files");
    }
    String labelColumn = node.string("label_column", d.labelColumn(), "csv".equals(name) && d.labelColumn() == null);
    List<String> featureColumns = stringList("feature_columns", d.featureColumns());
    String task = node.choice("task", d.task(), Set.of("classification", "regression"));
    if ("regression".equals(task) && !"csv".equals(name)) {
      node.problem("task", "was 'regression', but dataset '" + name + "' is a classification dataset; use task: "
          + "classification (regression needs a csv dataset)");
    }
    if (labelColumn != null && labelColumn.isBlank()) {
      node.problem("label_column", "was " + ConfigNode.quote(labelColumn) + ", must name the CSV column holding the label");
      labelColumn = d.labelColumn();
    }
    double validationSplit = node.real("validation_split", d.validationSplit(), 0, true, 1, false);
    double testSplit = node.real("test_split", d.testSplit(), 0, true, 1, false);
    Integer limit = node.integer("limit", d.limit() == null ? -1 : d.limit(), 1, Integer.MAX_VALUE);
    Integer testLimit = node.integer("test_limit", d.testLimit() == null ? -1 : d.testLimit(), 1, Integer.MAX_VALUE);
    String scale = node.choice("scale", d.scale(), Set.of("unit", "standard", "none"));
    int samples = node.integer("samples", d.samples(), 4, 10_000_000);
    int testSamples = node.integer("test_samples", d.testSamples(), 1, 10_000_000);
    double noise = node.real("noise", d.noise(), 0, true, Double.POSITIVE_INFINITY, false);
    long seed = node.integer("seed", (int) d.seed(), 0, Integer.MAX_VALUE);
    try {
      return new DatasetSpec(name, directory, path, testPath, labelColumn, featureColumns, task, validationSplit,
          testSplit, limit == -1 ? null : limit, testLimit == -1 ? null : testLimit, scale, samples, testSamples,
          noise, seed);
    } catch (DataException e) {
      // every field was checked above; this keeps a rule added to DatasetSpec later from escaping as a crash
      node.problem(null, e.getMessage());
      return null;
    }
  }

  private Path path(String key, Path fallback) {
    String s = node.string(key, null, false);
    if (s == null) {
      return fallback;
    }
    if (s.isBlank() || s.indexOf('\0') >= 0) {
      node.problem(key, "was " + ConfigNode.describe(s) + ", must be a file path"
          + (s.isBlank() ? "" : " (it contains a NUL character, which no path may hold)"));
      return fallback;
    }
    try {
      Path p = Path.of(s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s);
      return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      node.problem(key, "was " + ConfigNode.describe(s) + ", not a valid path: " + e.getReason());
      return fallback;
    }
  }

  private List<String> stringList(String key, List<String> fallback) {
    Object v = node.raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List)) {
      node.problem(key, "was " + ConfigNode.describe(v) + ", must be a list of column names");
      return fallback;
    }
    List<String> out = new ArrayList<>();
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      Object o = list.get(i);
      if (o instanceof String || o instanceof Number || o instanceof Boolean) {
        out.add(String.valueOf(o));
      } else {
        node.problem(key + "[" + i + "]", "was " + ConfigNode.describe(o) + ", must be a column name");
      }
    }
    return out;
  }
}
