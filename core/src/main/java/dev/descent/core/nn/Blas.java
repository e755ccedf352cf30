package dev.descent.core.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's matrix products on float32 arrays, called straight into the OpenBLAS that ND4J itself
 * loaded ({@code cblas_sgemm}, {@code cblas_sgemv}): the same kernels {@link Nd4j#gemm} ends in, without ND4J's
 * custom-op dispatch (building an op context, shape checks, several native calls), which costs more than
 * the product itself at small batches. Anything else (float64 in gradient checks, a non-contiguous array,
 * a backend other than ND4J's CPU one) goes through {@link Nd4j#gemm}, so results never depend on which
 * path ran beyond float32 rounding of the same BLAS. {@code -Ddescent.nd4jGemm=true} sends everything through
 * {@link Nd4j#gemm}, to compare the two.
 */
final class Blas {
  private static final boolean AVAILABLE = available();

  private Blas() {}

  private static boolean available() {
    try {
      if (!Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu")) {
        return false;
      }
      org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
      return !Boolean.getBoolean("descent.nd4jGemm");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Whether every array is float32, c order and contiguous, so BLAS can be called on its memory. */
  static boolean direct(INDArray... arrays) {
    if (!AVAILABLE) {
      return false;
    }
    for (INDArray a : arrays) {
      if (a.dataType() != DataType.FLOAT || a.rank() != 2 || a.ordering() != 'c'
          || a.elementWiseStride() != 1 && a.length() > 1) {
        return false;
      }
    }
    return true;
  }

  /** {@code c = alpha op(a) op(b) + beta c}, as {@link Nd4j#gemm} with the same arguments. */
  static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    if (!direct(a, b, c)) {
      Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
      return;
    }
    int m = (int) (transA ? a.columns() : a.rows());
    int k = (int) (transA ? a.rows() : a.columns());
    int n = (int) (transB ? b.rows() : b.columns());
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, (float) alpha, pointer(a), (int) a.columns(), pointer(b), (int) b.columns(), (float) beta,
        pointer(c), (int) c.columns());
  }

  /** {@code z = x w + 1 bias}: the bias copied into every row of z, then the product added onto it. */
  static void affine(INDArray x, INDArray w, INDArray bias, INDArray ones, INDArray z) {
    if (!direct(x, w, bias, ones, z)) {
      Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
      z.addiRowVector(bias);
      return;
    }
    int rows = (int) z.rows();
    int cols = (int) z.columns();
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
        openblas_nolapack.CblasNoTrans, rows, cols, 1, 1f, pointer(ones), 1, pointer(bias), cols, 0f, pointer(z), cols);
    gemm(x, w, z, false, false, 1.0, 1.0);
  }

  /** {@code out = 1ᵀ g}: the column sums of g (the bias gradient), {@code ones} a 1 × rows array of ones. */
  static void columnSums(INDArray g, INDArray ones, INDArray out) {
    if (!direct(g, ones, out)) {
      Nd4j.gemm(ones, g, out, false, false, 1.0, 0.0);
      return;
    }
    openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, (int) g.rows(),
        (int) g.columns(), 1f, pointer(g), (int) g.columns(), pointer(ones), 1, 0f, pointer(out), 1);
  }

  /**
   * {@code a}'s first element. A view's buffer already points at the view's offset into its parent (what
   * {@code data().offset()} says); the array's own offset is counted from the parent's start, as
   * {@code asNioFloat()} indexes it, so only the difference is added.
   */
  private static FloatPointer pointer(INDArray a) {
    FloatPointer p = new FloatPointer(a.data().addressPointer());
    long extra = a.offset() - a.data().offset();
    return extra == 0 ? p : p.position(extra);
  }
}
