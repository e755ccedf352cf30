package dev.descent.core.store;

import java.util.Map;

/**
 * An experiment as MLflow sees it: a descent experiment name with a numeric id, a lifecycle stage and tags.
 * Every descent experiment gets one the first time an MLflow client asks ({@link MlflowRecords#experiments}).
 *
 * @param lifecycle {@code active} or {@code deleted}
 * @param creationTime epoch milliseconds
 */
public record MlflowExperiment(long id, String name, String lifecycle, String artifactLocation, long creationTime,
    long lastUpdateTime, Map<String, String> tags) {}
