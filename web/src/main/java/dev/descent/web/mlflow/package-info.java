/**
 * The MLflow 2.x tracking REST API ({@code /api/2.0/mlflow/...}) as a second dialect over the same
 * {@link dev.descent.core.tracking.Workspace}: MLflow experiments are descent experiments, MLflow runs are
 * descent runs (found by {@code descent runs search}, drawn by the dashboard), and descent's own runs read back
 * through any MLflow client. There is no second store or index: requests become store writes
 * ({@link dev.descent.core.store.MlflowRecords}) and search-runs filters become Lucene queries over the run index
 * ({@link dev.descent.web.mlflow.RunFilter}). Shapes, limits and error codes are MLflow's, since clients depend
 * on them (the Java client's {@code getExperimentByName} on a 404 with {@code RESOURCE_DOES_NOT_EXIST}).
 */
package dev.descent.web.mlflow;
