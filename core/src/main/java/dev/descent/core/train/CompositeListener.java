package dev.descent.core.train;

import java.util.List;

/** Tells several listeners, in order: the progress display and the run recorder, say. */
public record CompositeListener(List<TrainingListener> listeners) implements TrainingListener {
  public static TrainingListener of(TrainingListener... listeners) {
    return new CompositeListener(List.of(listeners));
  }

  @Override
  public void onStart(int epochs, int batches) {
    listeners.forEach(l -> l.onStart(epochs, batches));
  }

  @Override
  public void onBatch(int epoch, int batch, double loss) {
    listeners.forEach(l -> l.onBatch(epoch, batch, loss));
  }

  @Override
  public void onEpoch(EpochMetrics metrics) {
    listeners.forEach(l -> l.onEpoch(metrics));
  }
}
