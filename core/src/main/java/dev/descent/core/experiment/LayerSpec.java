package dev.descent.core.experiment;

/** One layer of the model, in file order. */
public sealed interface LayerSpec permits LayerSpec.Dense, LayerSpec.Dropout {

  /** A fully connected layer {@code a = g(x W + b)}. */
  record Dense(int units, PluginRef activation) implements LayerSpec {}

  /** Inverted dropout: in training each input is zeroed with probability {@code rate} and the rest scaled by 1/(1-rate). */
  record Dropout(double rate) implements LayerSpec {}
}
