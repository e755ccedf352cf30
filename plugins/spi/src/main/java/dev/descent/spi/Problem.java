package dev.descent.spi;

/**
 * One thing wrong with an input, with the path of the field it concerns ({@code learning_rate},
 * later prefixed by the caller to {@code training.optimizer.learning_rate}).
 */
public record Problem(String path, String message) {

  /** The same problem under a parent path: {@code beta1} under {@code training.optimizer}. */
  public Problem under(String parent) {
    if (parent == null || parent.isEmpty()) {
      return this;
    }
    return new Problem(path.isEmpty() ? parent : parent + "." + path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
