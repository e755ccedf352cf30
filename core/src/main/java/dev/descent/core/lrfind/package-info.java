/**
 * The learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks", §3.3; fastai's
 * {@code lr_find}): one short pass over the training data with the learning rate raised exponentially from 1e-7
 * to 10, the loss smoothed as fastai smooths it, stopped when it diverges, and a suggested rate with the rule that
 * chose it. Its own small loop over {@link dev.descent.core.nn.Network} and {@link dev.descent.core.nn.Pass}, so
 * the trainer stays about training.
 */
package dev.descent.core.lrfind;
