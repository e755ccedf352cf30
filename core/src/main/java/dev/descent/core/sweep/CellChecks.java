package dev.descent.core.sweep;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.BuildCheck;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks each cell before it is claimed, because machines differ: the cell's run records the plugin
 * builds, dataset content and descent version it was entered with ({@link BuildCheck}), and a process
 * that lacks them does not claim the cell at all, so it is never trained with another build and stays
 * claimable for workers that have them; nothing is written and no claim needs releasing. A refused
 * cell is told once and skipped for the rest of this process (the sweep still ends: it has no other
 * way to reach it). A descent version mismatch is told once per version and the cell runs. Checks
 * are kept per distinct recorded provenance and cell configuration, so the hashing runs once each.
 */
final class CellChecks {
  /** Refused cells, process-wide: a worker that joins the sweep again does not try them again. */
  private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private final RunStore store;
  private final PluginRegistry plugins;
  private final Map<String, BuildCheck> checked = new ConcurrentHashMap<>();

  CellChecks(RunStore store, PluginRegistry plugins) {
    this.store = store;
    this.plugins = plugins;
  }

  /** True when this process may claim and train {@code cell}; tells the listener when it may not. */
  boolean mayRun(Cell cell, SweepListener listener) {
    // one registry per real process; keyed by it too so that tests with two builds in one JVM stay apart
    String where = store.location() + " " + cell.id() + " " + System.identityHashCode(plugins);
    if (REFUSED.contains(where)) {
      return false;
    }
    Optional<Run> run = store.get(cell.id());
    if (run.isEmpty() || !(run.get().status().rerunnable() || run.get().status() == RunStatus.RUNNING)) {
      return true; // nothing to check: the claim says it ended
    }
    Map<String, Object> recorded = run.get().provenance();
    String key = String.valueOf(recorded.get("plugins")) + recorded.get("dataset") + recorded.get("descent_version")
        + CanonicalJson.of(run.get().config());
    BuildCheck check = checked.computeIfAbsent(key, k -> BuildCheck.of(recorded, cell.experiment(), plugins));
    if (check.warning() != null && WARNED.add(check.warning())) {
      listener.onCellWarning(cell, check.warning());
    }
    if (!check.refused()) {
      return true;
    }
    if (REFUSED.add(where)) {
      listener.onCellRefused(cell, String.join("; ", check.refusals()));
    }
    return false;
  }
}
