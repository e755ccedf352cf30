package dev.descent.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A run as it starts: everything known before the first epoch.
 *
 * @param sweepId the sweep the run belongs to, null for a single {@code descent run}
 * @param config the resolved experiment (every default spelled out)
 * @param params flat params for search and tables: {@code optimizer, learning_rate, batch_size, dropout, seed, ...};
 *     values are String, Long, Double or Boolean
 * @param provenance plugins with versions and jar hashes, backend, JVM, OS, host, versions, git commit
 * @param tags checked by {@link RunLabels#tag} here, so a run is never created with a tag it could not be given
 */
public record NewRun(String id, String experiment, String sweepId, Map<String, Object> config,
    Map<String, Object> params, Map<String, Object> provenance, Set<String> tags, Instant startTime) {
  public NewRun {
    RunLabels.tags(tags);
  }
}
