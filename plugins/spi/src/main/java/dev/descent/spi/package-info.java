/**
 * The plugin API of descent: what a third-party jar compiles against.
 *
 * <p>Everything public in this package is API and stays source- and binary-compatible within
 * a {@link dev.descent.spi.SpiVersion#MAJOR major SPI version}. Why: plugin jars are compiled by
 * third parties against this package and dropped into a plugin directory without being rebuilt;
 * a change that breaks them would surface as a linkage error in the middle of someone's sweep, so
 * such a change bumps the major version and descent refuses older jars at start-up instead. It
 * depends on nd4j-api alone, so a plugin never sees the training engine, the run store or the CLI.
 *
 * <p>Besides the provider interfaces, the package offers what most plugins need:
 * {@link dev.descent.spi.ParamSpec} to declare parameters, {@link dev.descent.spi.Params} for
 * their validated values, and {@link dev.descent.spi.ElementwiseState}, the element-wise optimizer
 * loop with the bulk copy in and out of the parameter's memory, so an optimizer is its update rule.
 *
 * <p>Three kinds of plugin are discovered with {@link java.util.ServiceLoader}:
 * {@link dev.descent.spi.ActivationProvider}, {@link dev.descent.spi.LossProvider} and
 * {@link dev.descent.spi.OptimizerProvider}. Each is found by a stable lowercase
 * {@link dev.descent.spi.Plugin#name() name}, describes its parameters with
 * {@link dev.descent.spi.ParamSpec}s and turns a raw parameter map into an immutable, validated
 * configuration. The built-in plugins are registered exactly like a third party's.
 */
package dev.descent.spi;
