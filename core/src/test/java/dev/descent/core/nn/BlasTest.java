package dev.descent.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The direct BLAS calls give what ND4J's gemm and row-vector add give, on the kinds of arrays the network
 * passes them: views into a flat parameter array at an offset and row ranges of a larger matrix.
 */
class BlasTest {
  private final Random rng = new Random(5);

  @Test
  void products_on_offset_views_match_nd4j_in_every_transpose() {
    INDArray flat = random(1, 7 + 6 * 5 + 9);
    INDArray w = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + 30)).reshape('c', 6, 5);
    INDArray big = random(20, 6);
    INDArray x = big.get(NDArrayIndex.interval(3, 11), NDArrayIndex.all());
    assertTrue(Blas.direct(w, x), "views like the network's must take the direct path");
    check(x, w, false, false, 8, 5);
    INDArray g = random(8, 5);
    check(x, g, true, false, 6, 5);
    check(g, w, false, true, 8, 6);
  }

  @Test
  void affine_and_column_sums_match_nd4j() {
    INDArray flat = random(1, 3 + 6 * 4 + 4 + 2);
    INDArray w = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 27)).reshape('c', 6, 4);
    INDArray b = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(27, 31)).reshape('c', 1, 4);
    INDArray x = random(12, 6).get(NDArrayIndex.interval(2, 9), NDArrayIndex.all());
    INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 7);
    INDArray z = Nd4j.create(DataType.FLOAT, 7, 4).assign(99);
    Blas.affine(x, w, b, ones, z);
    INDArray want = x.mmul(w).addRowVector(b);
    assertArrayEquals(want.ravel().toFloatVector(), z.ravel().toFloatVector(), 1e-5f);
    INDArray sums = Nd4j.create(DataType.FLOAT, 1, 4).assign(99);
    Blas.columnSums(z, ones, sums);
    assertArrayEquals(z.sum(true, 0).ravel().toFloatVector(), sums.ravel().toFloatVector(), 1e-4f);
  }

  private void check(INDArray a, INDArray b, boolean ta, boolean tb, int rows, int cols) {
    INDArray direct = Nd4j.create(DataType.FLOAT, rows, cols).assign(3);
    INDArray nd4j = Nd4j.create(DataType.FLOAT, rows, cols).assign(3);
    Blas.gemm(a, b, direct, ta, tb, 1.0, 0.5);
    Nd4j.gemm(a, b, nd4j, ta, tb, 1.0, 0.5);
    assertArrayEquals(nd4j.ravel().toFloatVector(), direct.ravel().toFloatVector(), 1e-5f);
  }

  private INDArray random(int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }
}
