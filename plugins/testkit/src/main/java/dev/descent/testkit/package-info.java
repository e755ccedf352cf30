/**
 * Contract tests and a gradient checker for descent plugins.
 *
 * <p>A plugin author extends {@link dev.descent.testkit.ActivationContract},
 * {@link dev.descent.testkit.LossContract} or {@link dev.descent.testkit.OptimizerContract} in one
 * line per plugin and gets the checks the built-in plugins pass. {@link dev.descent.testkit.GradientChecker}
 * is reusable for any scalar function of an array, including a whole network.
 */
package dev.descent.testkit;
