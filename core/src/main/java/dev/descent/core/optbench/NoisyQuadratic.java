package dev.descent.core.optbench;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The suite's noisy quadratic: linear regression with MSE on ill-conditioned features, whose loss is a quadratic
 * in the weights plus minibatch noise (DeepOBS's {@code quadratic_deep} in spirit). Features are {@code z} with
 * standard deviations falling log-evenly from 1 to {@code 1/sqrt(CONDITION)}, turned by a random rotation so the
 * ill-conditioning is not aligned with the axes (a diagonal preconditioner such as Adam's cannot undo it for
 * free); the target is {@code y = w·z + 0.5 + N(0, NOISE²)} with each term {@code w_j z_j} of unit variance, so
 * every direction, the flat ones too, matters to the loss. The Hessian's condition number is {@link #CONDITION};
 * the loss of the true weights (the floor) is {@code NOISE² = 0.25}; the zero model starts near 10.
 *
 * <p>Written as two CSV files (columns {@code x0..x9, y}) from a fixed seed, so the same files, with the same
 * digest, come out every time and the runs' dataset provenance is stable.
 */
public final class NoisyQuadratic {
  static final int FEATURES = 10;
  static final double CONDITION = 1000;
  static final double NOISE = 0.5;
  static final long SEED = 16;
  public static final int TRAIN = 4000;
  public static final int TEST = 1000;

  private NoisyQuadratic() {}

  /** Writes {@code quadratic-train.csv} and {@code quadratic-test.csv} into {@code dir}; returns the two paths. */
  public static Path[] write(Path dir) {
    Random random = new Random(SEED);
    double[][] rotation = rotation(random);
    double[] scale = new double[FEATURES];
    double[] weights = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      scale[j] = Math.pow(CONDITION, -0.5 * j / (FEATURES - 1));
      weights[j] = (random.nextBoolean() ? 1 : -1) / scale[j];
    }
    Path train = dir.resolve("quadratic-train.csv");
    Path test = dir.resolve("quadratic-test.csv");
    try {
      Files.createDirectories(dir);
      writeFile(train, TRAIN, rotation, scale, weights, random);
      writeFile(test, TEST, rotation, scale, weights, random);
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "cannot write the noisy quadratic's data under " + dir
          + ": " + e.getMessage() + "; give a writable --out DIR", e);
    }
    return new Path[] {train, test};
  }

  private static void writeFile(Path file, int rows, double[][] rotation, double[] scale, double[] weights,
      Random random) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int j = 0; j < FEATURES; j++) {
        w.write("x" + j + ",");
      }
      w.write("y\n");
      double[] z = new double[FEATURES];
      for (int i = 0; i < rows; i++) {
        double y = 0.5 + NOISE * random.nextGaussian();
        for (int j = 0; j < FEATURES; j++) {
          z[j] = scale[j] * random.nextGaussian();
          y += weights[j] * z[j];
        }
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < FEATURES; k++) {
          double x = 0;
          for (int j = 0; j < FEATURES; j++) {
            x += rotation[k][j] * z[j];
          }
          line.append(String.format(Locale.ROOT, "%.6g,", x));
        }
        line.append(String.format(Locale.ROOT, "%.6g\n", y));
        w.write(line.toString());
      }
    }
  }

  /** A random orthogonal matrix: Gram–Schmidt on Gaussian columns. */
  static double[][] rotation(Random random) {
    double[][] q = new double[FEATURES][FEATURES];
    for (int c = 0; c < FEATURES; c++) {
      double[] v = new double[FEATURES];
      for (int r = 0; r < FEATURES; r++) {
        v[r] = random.nextGaussian();
      }
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int r = 0; r < FEATURES; r++) {
          dot += v[r] * q[r][p];
        }
        for (int r = 0; r < FEATURES; r++) {
          v[r] -= dot * q[r][p];
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < FEATURES; r++) {
        q[r][c] = v[r] / norm;
      }
    }
    return q;
  }
}
