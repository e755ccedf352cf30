package dev.descent.core.optbench;

/** Hears the bench's progress: the CLI prints a line per phase and per ended run, with an ETA. */
public interface BenchProgress {
  BenchProgress NONE = new BenchProgress() {};

  /** A problem's phase ({@code tune} or {@code seeds}) starts with {@code cells} runs. */
  default void onPhase(BenchProblem problem, String phase, int cells) {}

  /** A run ended (or was found already done in the store). */
  default void onTrial(Trial trial) {}

  /**
   * One ended run.
   *
   * @param outcome {@code finished}, {@code diverged}, {@code failed}, or {@code already in the store}
   * @param done runs of the whole bench ended so far, this one included
   * @param total runs of the whole bench
   * @param etaSeconds time left from the pace of the runs that trained so far; NaN before the first
   */
  record Trial(String problem, String phase, String optimizer, double lr, long seed, String outcome,
      double seconds, int done, int total, double etaSeconds) {}
}
