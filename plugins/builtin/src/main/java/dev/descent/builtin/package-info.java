/**
 * The activations, losses and optimizers that ship with descent. They are found through
 * {@code META-INF/services} like any third party's plugins and pass the same contract tests; nothing
 * outside this module refers to these classes by name.
 */
package dev.descent.builtin;
