package dev.descent.core;

import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.PluginRegistry;
import java.nio.file.Path;

/** Experiments written inline for tests, parsed by the real parser against the built-in plugins. */
public final class TestExperiments {
  public static final PluginRegistry PLUGINS = PluginRegistry.discover(TestExperiments.class.getClassLoader());

  private TestExperiments() {}

  public static Experiment parse(String yaml) {
    return new ExperimentParser(PLUGINS).parse(yaml, "test.yaml", Path.of("."));
  }

  /** A small classifier on a generated dataset, with the given model and training sections. */
  public static Experiment moons(String layers, String training) {
    return parse("""
        name: test
        dataset: {name: moons, samples: 600, test_samples: 200, noise: 0.1, validation_split: 0.2}
        model:
          layers:
        %s
          loss: softmax_cross_entropy
          init: xavier_uniform
        training:
        %s
        """.formatted(layers.indent(4).stripTrailing(), training.indent(2).stripTrailing()));
  }
}
