package dev.descent.core.search;

import static dev.descent.core.search.Runs.run;

import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.util.List;

/**
 * Six runs chosen so each query example in {@code docs/query-language.md} has a known, small answer
 * with near misses on both sides (0.9 vs 0.9 inclusive, NaN losses, a run without metrics, a param and a
 * metric both called learning_rate). Run i started i minutes after {@link Runs#T0}.
 */
final class HandBuiltRuns {
  private HandBuiltRuns() {}

  static List<Run> all() {
    return List.of(
        run("r-0001", 1).param("optimizer", "adam").param("learning_rate", 0.001).param("batch_size", 32L)
            .metric("val_accuracy", 0.87, 0.6, 0.88).metric("val_loss", 0.30, 0.25, 1.2)
            .metric("learning_rate", 0.0005, 0.0005, 0.001)
            .test("test_accuracy", 0.89).test("test_loss", 0.31).tags("baseline").build(),
        run("r-0002", 2).param("optimizer", "adam").param("learning_rate", 0.01).param("batch_size", 128L)
            .metric("val_accuracy", 0.91, 0.7, 0.92).metric("val_loss", 0.36, 0.35, 1.0)
            .test("test_accuracy", 0.90).build(),
        run("r-0003", 3).param("optimizer", "sgd").param("learning_rate", 0.1).param("batch_size", 64L)
            .status(RunStatus.DIVERGED).error("Loss became NaN at epoch 3")
            .metric("val_accuracy", 0.1, 0.1, 0.3).metric("val_loss", Double.NaN, 2.0, 2.3)
            .tags("lr-sweep").build(),
        run("r-0004", 4).experiment("mnist-mlp").param("optimizer", "sgd").param("learning_rate", 1e-4)
            .param("batch_size", 256L).metric("val_accuracy", 0.95, 0.8, 0.95).metric("val_loss", 0.15, 0.15, 0.9)
            .test("test_accuracy", 0.94).tags("baseline").note("strong baseline").build(),
        run("r-0005", 5).param("optimizer", "rmsprop").param("learning_rate", 0.002).param("batch_size", 128L)
            .status(RunStatus.FAILED).error("OutOfMemoryError: Java heap space").build(),
        run("r-0006", 6).param("optimizer", "sgd").param("learning_rate", 0.005).param("batch_size", 32L)
            .param("nesterov", true).param("dropout", 0.5)
            .metric("val_accuracy", 0.86, 0.5, 0.9).metric("val_loss", 0.31, 0.29, 1.1)
            .test("test_accuracy", 0.87).note("watch for NaN in the gradients").build());
  }

  /** A store holding {@link #all()}, in order. */
  static InMemoryRunStore store() {
    InMemoryRunStore store = new InMemoryRunStore();
    all().forEach(store::put);
    return store;
  }
}
