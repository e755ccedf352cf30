package dev.descent.core.sweep;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.BuildCheck;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import java.util.List;
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
 * are made when the sweep starts ({@link #prepare}), once per distinct recorded provenance and cell
 * configuration.
 */
final class CellChecks {
  /** Refused cells, process-wide: a worker that joins the sweep again does not try them again. */
  private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private final RunStore store;
  private final PluginRegistry plugins;
  private final Map<String, BuildCheck> checked = new ConcurrentHashMap<>();
  private final Map<String, BuildCheck> verdicts = new ConcurrentHashMap<>();

  CellChecks(RunStore store, PluginRegistry plugins) {
    this.store = store;
    this.plugins = plugins;
  }

  /**
   * Checks the cells that have no outcome yet ({@code open}), before any worker thread starts, so that
   * a worker goes from taking a cell to claiming it without a store read in between (as before these
   * checks: cells start in their order). One read per open cell; the hashing is done once per distinct
   * recorded provenance and configuration.
   */
  void prepare(Sweep sweep, List<String> open) {
    Set<String> ids = Set.copyOf(open);
    for (Cell cell : sweep.cells()) {
      if (!ids.contains(cell.id())) {
        continue; // ended: the claim says so
      }
      Optional<Run> run = store.get(cell.id());
      if (run.isPresent()) {
        Map<String, Object> recorded = run.get().provenance();
        String key = String.valueOf(recorded.get("plugins")) + recorded.get("dataset")
            + recorded.get("descent_version") + CanonicalJson.of(run.get().config());
        verdicts.put(cell.id(), checked.computeIfAbsent(key, k -> BuildCheck.of(recorded, cell.experiment(), plugins)));
      }
    }
  }

  /** True when this process may claim and train {@code cell}; tells the listener when it may not. */
  boolean mayRun(Cell cell, SweepListener listener) {
    // one registry per real process; keyed by it too so that tests with two builds in one JVM stay apart
    String where = store.location() + " " + cell.id() + " " + System.identityHashCode(plugins);
    if (REFUSED.contains(where)) {
      return false;
    }
    BuildCheck check = verdicts.get(cell.id());
    if (check == null) {
      return true; // it had an outcome when the sweep started: the claim says so
    }
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
