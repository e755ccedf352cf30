package dev.descent.core.experiment;

import dev.descent.core.data.DatasetSpec;
import dev.descent.core.data.Datasets;
import dev.descent.core.nn.ModelMemory;
import dev.descent.core.nn.WeightInit;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.InvalidParamsException;
import dev.descent.spi.Plugin;
import dev.descent.spi.PluginKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment file into a validated {@link Experiment}. Every problem in the file is
 * collected with its path and reported at once in an {@link ExperimentException}; nothing runs
 * until the whole file is valid. A file with {@code grid:} or {@code seeds:} is a sweep: this parser reads
 * its base experiment, and {@code dev.descent.core.sweep.SweepParser} expands it, validating each cell here.
 */
public final class ExperimentParser {
  private static final Set<String> TOP = Set.of("name", "description", "dataset", "model", "training", "grid", "seeds", "objective",
      "search", "pruner", "budget");
  /** The most units a dense layer may have (documented in the user guide). */
  public static final int MAX_UNITS = 100_000;
  private final PluginRegistry plugins;

  public ExperimentParser(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** Parses a file; its path names the source in every message. */
  public Experiment parse(Path file) {
    return parseDocument(YamlInput.read(file), file.toString(), file.toAbsolutePath().getParent());
  }

  /** Parses YAML text; {@code source} names it in messages, relative paths resolve against {@code baseDir}. */
  public Experiment parse(String yaml, String source, Path baseDir) {
    return parseDocument(loadDocument(yaml, source), source, baseDir);
  }

  /**
   * Loads YAML text as a document mapping, the form {@link #parseDocument} and the sweep parser take;
   * anything {@link YamlInput} refuses is an {@link ExperimentException}.
   */
  public static Map<String, Object> loadDocument(String yaml, String source) {
    return YamlInput.parse(yaml, source);
  }

  /**
   * Parses an already-loaded document into one experiment. The sweep sections ({@code grid},
   * {@code seeds}, {@code objective}) are not read here: this is the base experiment (and each cell) of
   * a sweep, which {@code dev.descent.core.sweep.SweepParser} expands; the document is not modified.
   */
  public Experiment parseDocument(Map<String, Object> doc, String source, Path baseDir) {
    Problems problems = new Problems();
    ConfigNode root = ConfigNode.root(doc, problems);
    root.rejectUnknownKeys(TOP);
    String name = root.string("name", "unnamed", true);
    if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      root.problem("name", "was " + ConfigNode.quote(name) + ", must be letters, digits, '.', '_' or '-' (at most 100)");
    }
    String description = root.string("description", "", false);
    DatasetSpec dataset = new DatasetSection(root.child("dataset", true), baseDir).read();
    ModelSpec model = model(root.child("model", true));
    TrainingSpec training = new TrainingSection(root.child("training", true), this).read();
    if (dataset != null && training != null && training.earlyStopping() != null) {
      earlyStoppingHasItsMetric(root, dataset, training.earlyStopping());
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(source, problems.list());
    }
    return new Experiment(name, description, dataset, model, training);
  }

  /**
   * Early stopping must watch a metric the run produces: without validation data {@code val_*} is NaN
   * every epoch, which never improves, so the run would stop after {@code patience} epochs and call that
   * success; a regression has no accuracy at all.
   */
  private static void earlyStoppingHasItsMetric(ConfigNode root, DatasetSpec dataset, EarlyStopping early) {
    String at = "training.early_stopping.monitor";
    String monitor = early.monitor();
    boolean given = root.raw("training") instanceof Map<?, ?> t && t.get("early_stopping") instanceof Map<?, ?> e
        && e.get("monitor") != null;
    String named = "'" + monitor + "'" + (given ? "" : " (the default)");
    if (monitor.startsWith("val_") && dataset.validationSplit() == 0) {
      root.problem(at, "was " + named + ", but dataset.validation_split is 0, so there is no validation data to "
          + "watch; set validation_split (e.g. 0.1) or monitor train_loss");
    } else if (monitor.endsWith("_accuracy") && "regression".equals(dataset.task())) {
      root.problem(at, "was " + named + ", but a regression has no accuracy; monitor val_loss or train_loss");
    }
  }

  private ModelSpec model(ConfigNode node) {
    node.rejectUnknownKeys(Set.of("layers", "loss", "init", "init_std"));
    List<LayerSpec> layers = new ArrayList<>();
    for (ConfigNode layer : node.children("layers")) {
      LayerSpec spec = layer(layer);
      if (spec != null) {
        layers.add(spec);
      }
    }
    if (node.has("layers") && layers.stream().noneMatch(l -> l instanceof LayerSpec.Dense)) {
      node.problem("layers", "has no dense layer; the last dense layer is the output");
    } else if (!layers.isEmpty() && !(layers.get(layers.size() - 1) instanceof LayerSpec.Dense)) {
      node.problem("layers", "ends with a dropout layer; the last layer must be dense (the output)");
    }
    layerSizesFit(node);
    PluginRef loss = plugin(node, "loss", PluginKind.LOSS, null);
    String init = node.choice("init", "xavier_uniform", WeightInit.names());
    double initStd = node.real("init_std", 0.01, 0, false, Double.POSITIVE_INFINITY, false);
    return new ModelSpec(layers, loss, init, initStd);
  }

  /**
   * Two dense layers in a row hold a {@code units x units} weight matrix, which must fit one array; the
   * layer fed by the data is checked once its input size is known (see {@code dev.descent.core.nn.ModelMemory}).
   */
  private static void layerSizesFit(ConfigNode node) {
    long previous = 0;
    int index = -1;
    for (Object layer : node.raw("layers") instanceof List<?> list ? list : List.of()) {
      index++;
      Double d = layer instanceof Map<?, ?> m && "dense".equals(m.get("type")) ? ConfigNode.number(m.get("units")) : null;
      if (d == null || d < 1 || d > MAX_UNITS || d != Math.rint(d)) {
        continue;
      }
      long weights = previous * d.longValue();
      if (weights > ModelMemory.MAX_LAYER_WEIGHTS) {
        node.problem("layers[" + index + "].units", "was " + d.longValue() + ": after a layer of " + previous
            + " units that is a " + previous + " x " + d.longValue() + " weight matrix of " + weights
            + " weights, more than the " + ModelMemory.MAX_LAYER_WEIGHTS + " one layer may have; use fewer units");
      }
      previous = d.longValue();
    }
  }

  private LayerSpec layer(ConfigNode node) {
    String type = node.choice("type", null, Set.of("dense", "dropout"));
    if ("dense".equals(type)) {
      node.rejectUnknownKeys(Set.of("type", "units", "activation"));
      Integer units = node.integer("units", null, 1, MAX_UNITS);
      PluginRef activation = plugin(node, "activation", PluginKind.ACTIVATION, "identity");
      return units == null ? null : new LayerSpec.Dense(units, activation);
    }
    if ("dropout".equals(type)) {
      node.rejectUnknownKeys(Set.of("type", "rate"));
      Double rate = node.real("rate", null, 0, true, 1, false);
      return rate == null ? null : new LayerSpec.Dropout(rate);
    }
    return null;
  }

  /**
   * A plugin reference at {@code node.key}: either a name ({@code relu}) or a mapping with
   * {@code name} and the plugin's parameters. {@code fallbackName == null} means required.
   */
  PluginRef plugin(ConfigNode node, String key, PluginKind kind, String fallbackName) {
    Object raw = node.raw(key);
    String name;
    Map<String, Object> params;
    String path = node.pathOf(key);
    if (raw == null && fallbackName != null) {
      name = fallbackName;
      params = Map.of();
    } else if (raw instanceof Map) {
      ConfigNode child = node.child(key, true);
      name = child.string("name", null, true);
      params = child.without("name");
    } else if (raw instanceof String) {
      name = (String) raw;
      params = Map.of();
    } else {
      String article = kind.label().matches("[aeiou].*") ? "an " : "a ";
      node.problem(key, raw == null ? "missing; " + article + kind.label() + " name is required; available: "
          + String.join(", ", plugins.names(kind)) : "was " + ConfigNode.describe(raw) + ", must be " + article
          + kind.label() + " name or a mapping with 'name' and its parameters");
      return null;
    }
    if (name == null) {
      return null;
    }
    if (!plugins.has(kind, name)) {
      node.problem(key, "unknown " + kind.label() + " " + ConfigNode.quote(name) + "; available: " + String.join(", ", plugins.names(kind)));
      return null;
    }
    Plugin plugin = plugins.entry(kind, name).plugin();
    try {
      return new PluginRef(name, plugin.resolve(params).asMap());
    } catch (InvalidParamsException e) {
      node.problems().addAll(e.problems(), raw instanceof Map ? path : path + "(" + name + ")");
      return null;
    }
  }

  /** The dataset names the file may use. */
  static List<String> datasetNames() {
    return Datasets.names();
  }
}
