/**
 * Optimizer trajectories on two-dimensional test functions: what {@code descent optimizers trace}
 * prints and what the PyTorch reference traces are compared with.
 */
package dev.descent.testkit.trace;
