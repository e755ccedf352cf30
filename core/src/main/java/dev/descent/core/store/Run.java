package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;

/**
 * A stored run as read back: what it was, how it went and what it came to.
 *
 * @param endTime null while running
 * @param error one-line error or divergence message, null if none
 * @param stackTrace the full trace of a failure, null if none
 * @param summaries per metric key: last, min, max, best epoch
 * @param test test-set metrics ({@code test_loss}, {@code test_accuracy}), empty until finished
 * @param sequence the store's change counter when the run last changed: the index catches up from it
 */
public record Run(String id, String experiment, String sweepId, RunStatus status, Map<String, Object> config,
    Map<String, Object> params, Map<String, Object> provenance, Instant startTime, Instant endTime,
    Instant heartbeat, String error, String stackTrace, SortedSet<String> tags, String note,
    Map<String, MetricSummary> summaries, Map<String, Double> test, long sequence) {}
