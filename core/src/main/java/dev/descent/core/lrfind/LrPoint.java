package dev.descent.core.lrfind;

/** One step of the test: its learning rate, the batch's loss and the smoothed loss so far. */
public record LrPoint(int step, double lr, double loss, double smoothed) {}
