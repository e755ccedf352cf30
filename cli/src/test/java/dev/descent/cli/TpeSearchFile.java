package dev.descent.cli;

/**
 * The TPE search with ASHA that the multi-process tests run: a small MLP on generated moons over optimizer, log
 * learning rate, batch size and sgd's momentum. Each test picks its size: enough samples and epochs that a cell
 * outlasts what the test waits for.
 */
final class TpeSearchFile {
  private TpeSearchFile() {}

  static String of(String name, int samples, int epochs, int trials) {
    return """
        name: %s
        dataset: {name: moons, samples: %d, test_samples: 100, validation_split: 0.2}
        model:
          layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
          loss: softmax_cross_entropy
        training: {optimizer: sgd, batch_size: 16, epochs: %d, seed: 1}
        search:
          method: tpe
          trials: %d
          seed: 3
          space:
            optimizer: [sgd, adam, rmsprop]
            learning_rate: {log_uniform: [1.0e-4, 0.5]}
            batch_size: [16, 64]
            training.optimizer.momentum: {uniform: [0.0, 0.9], when: {optimizer: sgd}}
        objective: {metric: val_accuracy, mode: max}
        pruner: {method: asha, min_epochs: 1, reduction_factor: 3}
        """.formatted(name, samples, epochs, trials);
  }
}
