package dev.descent.bench;

import dev.descent.core.train.TrainingListener;
import java.nio.file.Path;

/** What {@link dev.descent.bench.profile.DescentProfile} profiles: one descent training run. */
public interface ProfileTarget {
  int batch();

  /** Epochs in all, the first a warm-up. */
  int epochs();

  Path jfrFile();

  /** Trains, telling {@code listener} about every epoch. */
  void train(TrainingListener listener);

  static ProfileTarget of(Options options, DescentRunner runner) {
    int epochs = Math.max(2, options.epochs());
    return new ProfileTarget() {
      @Override
      public int batch() {
        return options.profileBatch();
      }

      @Override
      public int epochs() {
        return epochs;
      }

      @Override
      public Path jfrFile() {
        return options.jfrOut();
      }

      @Override
      public void train(TrainingListener listener) {
        runner.run(options.profileBatch(), epochs, System.out, listener);
      }
    };
  }
}
