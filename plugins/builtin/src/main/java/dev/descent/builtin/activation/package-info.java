/** The built-in activations; each forward and backward pass is one or a few native ND4J ops. */
package dev.descent.builtin.activation;
