/**
 * The built-in optimizers, each with exactly the update rule and defaults of its torch.optim
 * counterpart in PyTorch 1.13. An update is one fused Java loop over the parameter's memory with
 * state buffers in double precision.
 */
package dev.descent.builtin.optimizer;
