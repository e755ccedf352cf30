package dev.descent.core.train;

/**
 * A failure inside one run, with where it happened and which plugin was running, so a sweep records
 * it against the cell (searchable, with the cause's stack trace) and goes on with the others.
 */
public class TrainingFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingFailure(String what, int epoch, int batch, Throwable cause) {
    super(what + " failed at epoch " + epoch + ", batch " + batch + ": " + cause, cause);
  }
}
