package dev.descent.web.mlflow;

import dev.descent.core.train.RunStatus;
import java.util.List;
import java.util.Locale;

/**
 * MLflow's five run statuses and descent's, both ways. MLflow has no diverged or crashed: both are FAILED to it,
 * and a descent run stopped by the user is KILLED. Matched by name, so the mapping survives statuses being added.
 */
final class MlflowStatus {
  static final List<String> NAMES = List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  private MlflowStatus() {}

  static String of(RunStatus status) {
    return switch (status.name()) {
      case "QUEUED" -> "SCHEDULED";
      case "RUNNING" -> "RUNNING";
      case "FINISHED" -> "FINISHED";
      case "STOPPED" -> "KILLED";
      default -> "FAILED";
    };
  }

  /** descent's status for an MLflow status name; INVALID_INPUT for another name. */
  static RunStatus toDescent(String mlflow) {
    return RunStatus.valueOf(switch (mlflow.toUpperCase(Locale.ROOT)) {
      case "RUNNING" -> "RUNNING";
      case "SCHEDULED" -> "QUEUED";
      case "FINISHED" -> "FINISHED";
      case "FAILED" -> "FAILED";
      case "KILLED" -> "STOPPED";
      default -> throw MlflowRequest.invalid("Invalid value '" + mlflow + "' for parameter 'status': one of "
          + String.join(", ", NAMES) + " is expected");
    });
  }

  /** The descent status labels an MLflow status matches in a search. */
  static List<String> labels(String mlflow) {
    String upper = mlflow.toUpperCase(Locale.ROOT);
    if (!NAMES.contains(upper)) {
      return List.of();
    }
    return java.util.Arrays.stream(RunStatus.values()).filter(s -> of(s).equals(upper)).map(RunStatus::label).toList();
  }
}
