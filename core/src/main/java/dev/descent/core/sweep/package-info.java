/**
 * Grid sweeps: an experiment file's {@code grid:}, {@code seeds:} and {@code objective:} sections,
 * validated as a whole and expanded into cells with deterministic ids.
 *
 * <p>Callers use {@link dev.descent.core.sweep.SweepParser} (any experiment file becomes a
 * {@link dev.descent.core.sweep.Sweep}, one cell when it has no grid), {@link dev.descent.core.sweep.DryRunTable}
 * and {@link dev.descent.core.sweep.Eta} for {@code --dry-run}, and {@link dev.descent.core.sweep.CellIds} for
 * what an id is the hash of. Running the cells, the ledger and resume live elsewhere and key on
 * {@link dev.descent.core.sweep.Cell#id()}.
 */
package dev.descent.core.sweep;
