/**
 * Data loading for the training engine: Fashion-MNIST and MNIST from IDX files, CSV tables and small generated
 * sets ({@code xor}, {@code spirals}, {@code moons}), prepared (limit, splits, scaling) deterministically from a
 * seed and cached once per process.
 *
 * <p>Entry point: {@link dev.descent.core.data.Datasets#load(DatasetSpec)}. The experiment file's
 * {@code dataset:} section resolves to a {@link dev.descent.core.data.DatasetSpec}; the engine receives
 * {@link dev.descent.core.data.DataSplits} whose arrays are shared between threads and must be treated as
 * read-only. Every failure is a {@link dev.descent.core.data.DataException} whose message names the file, the
 * line or field, the bad value and how to fix it.
 */
package dev.descent.core.data;
