package dev.descent.core.stats;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The residual sum of squares and rank of an ordinary least-squares fit whose design rows are the grid's cells:
 * every run of a cell has the same row, so the fit to the runs is the fit to the cell means weighted by their run
 * counts, plus the spread of the runs around their cell means (which no model of the axes can explain). A sweep of
 * 1,875 runs then fits 625 rows instead of 1,875.
 *
 * <p>The weighted fit solves the normal equations through Commons Math's symmetric eigendecomposition, keeping the
 * eigenvalues above {@value #RANK_TOLERANCE} of the largest: a cell with no finished run leaves an interaction's
 * columns linearly dependent, and the design's rank (the degrees of freedom) comes out right instead of the solve
 * failing. The residual is then formed as a vector from the coefficients, so its sum of squares is accurate to
 * second order in any error of the coefficients.
 */
record LeastSquares(double rss, int rank) {
  /** Eigenvalues of X'WX below this fraction of the largest are zero: 0/1 designs sit far from it either way. */
  static final double RANK_TOLERANCE = 1e-10;

  /**
   * Fits cell means {@code means} (weights {@code counts}) on the rows of {@code x} (the intercept column
   * included); {@code within} is the runs' sum of squares around their cell means, added to the residual.
   */
  static LeastSquares fit(double[][] x, double[] counts, double[] means, double within) {
    int cells = x.length;
    double[][] scaled = new double[cells][];
    double[] target = new double[cells];
    for (int c = 0; c < cells; c++) {
      double w = Math.sqrt(counts[c]);
      scaled[c] = new double[x[c].length];
      for (int j = 0; j < x[c].length; j++) {
        scaled[c][j] = x[c][j] * w;
      }
      target[c] = means[c] * w;
    }
    RealMatrix design = MatrixUtils.createRealMatrix(scaled);
    RealVector y = MatrixUtils.createRealVector(target);
    EigenDecomposition eigen = new EigenDecomposition(design.transpose().multiply(design));
    double[] values = eigen.getRealEigenvalues();
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, v);
    }
    RealVector xty = design.transpose().operate(y);
    RealVector beta = MatrixUtils.createRealVector(new double[xty.getDimension()]);
    int rank = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] > RANK_TOLERANCE * largest) {
        RealVector v = eigen.getEigenvector(i);
        beta = beta.add(v.mapMultiply(v.dotProduct(xty) / values[i]));
        rank++;
      }
    }
    RealVector residual = y.subtract(design.operate(beta));
    return new LeastSquares(residual.dotProduct(residual) + within, rank);
  }
}
