package dev.descent.core.tuning;

/**
 * The {@code pruner:} section: which trials stop early, decided at epoch ends.
 *
 * @param method {@code asha}, {@code median} or {@code none}
 * @param minEpochs asha: the first rung's epoch
 * @param reductionFactor asha: eta; rungs at {@code min_epochs * eta^k}, the top {@code 1/eta} go on
 * @param startupTrials median: trials that must have reported an epoch before any is pruned
 * @param warmupEpochs median: epochs a trial runs before it may be pruned
 */
public record PrunerSpec(String method, int minEpochs, int reductionFactor, int startupTrials, int warmupEpochs) {
  public static final PrunerSpec NONE = new PrunerSpec("none", 1, 3, 5, 0);

  public boolean prunes() {
    return !"none".equals(method);
  }
}
