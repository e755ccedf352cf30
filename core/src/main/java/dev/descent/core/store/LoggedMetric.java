package dev.descent.core.store;

/**
 * One metric value as MLflow logs it: any step (not only 1-based epochs), a client timestamp, and possibly
 * several values at one step. Kept in full by {@link MlflowRecords}; the {@code metrics} table gets the latest
 * value per step, as the epoch, for search and the dashboard.
 *
 * @param timestamp epoch milliseconds, as the client sent it
 */
public record LoggedMetric(String key, double value, long timestamp, long step) {}
