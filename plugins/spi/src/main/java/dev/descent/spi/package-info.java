/**
 * The plugin API of descent: what a third-party jar compiles against.
 *
 * <p>Everything public in this package is API and stays source- and binary-compatible within
 * a {@link dev.descent.spi.SpiVersion#MAJOR major SPI version}. It depends on nd4j-api alone,
 * so a plugin never sees the training engine, the run store or the CLI.
 *
 * <p>Three kinds of plugin are discovered with {@link java.util.ServiceLoader}:
 * {@link dev.descent.spi.ActivationProvider}, {@link dev.descent.spi.LossProvider} and
 * {@link dev.descent.spi.OptimizerProvider}. Each is found by a stable lowercase
 * {@link dev.descent.spi.Plugin#name() name}, describes its parameters with
 * {@link dev.descent.spi.ParamSpec}s and turns a raw parameter map into an immutable, validated
 * configuration. The built-in plugins are registered exactly like a third party's.
 */
package dev.descent.spi;
