/**
 * {@code descent bench-optimizer}: a fair comparison of one optimizer against others, after DeepOBS (Schneider et
 * al. 2019). A fixed suite of small problems ({@link dev.descent.core.optbench.BenchProblems}); every optimizer's
 * learning rate, and nothing else, tuned on the same log grid ({@link dev.descent.core.optbench.LrGrid}); the best
 * rate rerun with fresh seeds; the outcome as test metric mean ± 95% interval, epochs to a stated target, the
 * significance lines of {@link dev.descent.core.stats.WinnerTest}, and a Dolan–Moré performance profile
 * ({@link dev.descent.core.optbench.PerformanceProfile}), written as Markdown and as an HTML page with inline SVG.
 *
 * <p>Every training goes through the sweep machinery ({@link dev.descent.core.sweep.SweepRunner}): the tuning grid
 * and the seed reruns of each problem are sweeps in the run store, so {@code descent sweeps}, search and the
 * dashboard see them, and running the same bench again into the same store resumes instead of starting over.
 */
package dev.descent.core.optbench;
