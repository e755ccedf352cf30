/**
 * The built-in optimizers, each with exactly the update rule and defaults of its torch.optim
 * counterpart in PyTorch 1.13.
 *
 * <p>An update is one fused Java loop over the parameter's values, copied in and out in bulk by the
 * SPI's {@link dev.descent.spi.ElementwiseState} (which every third-party optimizer can use too), with
 * state buffers in double precision, because a chain of ND4J element-wise ops costs a native dispatch and
 * a pass over memory per op. The loops follow torch's order of operations, and compute its
 * {@code a + alpha * b} steps ({@code add_} with alpha, {@code addcmul_}, {@code addcdiv_}) with
 * {@code Math.fma} because torch's CPU kernels are compiled with contraction: on float64 most
 * reference trajectories then agree bitwise ({@code MatchesTorchTraceTest}).
 */
package dev.descent.builtin.optimizer;
