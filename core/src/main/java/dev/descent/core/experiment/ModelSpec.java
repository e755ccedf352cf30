package dev.descent.core.experiment;

import java.util.List;

/**
 * The network: layers in order, the loss, and how weights start.
 *
 * @param init weight initialisation scheme (see {@link dev.descent.core.nn.WeightInit})
 * @param initStd standard deviation for {@code init: normal}
 */
public record ModelSpec(List<LayerSpec> layers, PluginRef loss, String init, double initStd) {
  public ModelSpec {
    layers = List.copyOf(layers);
  }

  /** The output layer: the last dense layer. */
  public LayerSpec.Dense outputLayer() {
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (layers.get(i) instanceof LayerSpec.Dense d) {
        return d;
      }
    }
    throw new IllegalStateException("a validated model has a dense layer");
  }
}
