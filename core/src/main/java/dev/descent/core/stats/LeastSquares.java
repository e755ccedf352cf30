package dev.descent.core.stats;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The residual sum of squares and rank of an ordinary least-squares fit, through Commons Math's singular value
 * decomposition rather than its {@code OLSMultipleLinearRegression}: a grid cell with no finished run leaves its
 * interaction column all zero, and the SVD still fits such a rank-deficient design (as numpy's {@code lstsq}
 * does) where the QR solver refuses it.
 */
record LeastSquares(double rss, int rank) {

  /**
   * Fits {@code y} on the columns of {@code x} (one row per observation, the intercept column included). The
   * residual is formed as a vector, not as {@code y·y - fitted·fitted}, so a small residual keeps its digits.
   */
  static LeastSquares fit(double[][] x, double[] y) {
    RealMatrix design = MatrixUtils.createRealMatrix(x);
    SingularValueDecomposition svd = new SingularValueDecomposition(design);
    int rank = svd.getRank();
    RealVector target = MatrixUtils.createRealVector(y);
    RealVector residual = target.copy();
    RealMatrix u = svd.getU();
    for (int i = 0; i < rank; i++) {
      RealVector ui = u.getColumnVector(i);
      residual = residual.subtract(ui.mapMultiply(ui.dotProduct(residual)));
    }
    return new LeastSquares(residual.dotProduct(residual), rank);
  }
}
