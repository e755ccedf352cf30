/**
 * Statistics over the runs of a sweep, so a user reads answers instead of doing arithmetic on mean ± std tables:
 * which grid axis matters ({@link dev.descent.core.stats.FactorialAnova}), and whether the best configuration
 * really beats the next ones or is seed noise ({@link dev.descent.core.stats.WinnerTest}), and for a random or TPE
 * search, which parameter matters ({@link dev.descent.core.stats.PedAnova}).
 *
 * <p>Distributions, the t-test and the linear algebra come from Apache Commons Math 3.6.1; nothing here writes
 * its own special function. The numbers are checked against statsmodels in the tests' resources.
 */
package dev.descent.core.stats;
