package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Pixel tables converted to float32: the fast paths (lookup table, two threads) give the general formula's bits. */
class TableTest {

    @BeforeAll
    static void backend() {
        Nd4j.create(DataType.FLOAT, 1, 1);
    }

    @Test
    void pixels_under_uniform_scaling_convert_to_exactly_the_per_feature_formula() {
        int d = 784;
        int n = 6000; // 4.7 M values: above the two-thread threshold
        byte[] pixels = new byte[n * d];
        new Random(5).nextBytes(pixels);
        Table table = Table.ofPixels(pixels, n, d, new int[n]);
        for (double[] offsetAndFactor : new double[][] {{0, 1.0 / 255}, {0, 1}, {0.5, 1.0 / 3}}) {
            double[] offset = new double[d];
            double[] factor = new double[d];
            java.util.Arrays.fill(offset, offsetAndFactor[0]);
            java.util.Arrays.fill(factor, offsetAndFactor[1]);
            float[] got = table.toExamples(10, new Scaling.Transform("t", offset, factor))
                    .features().data().asFloat();
            for (int k = 0; k < got.length; k++) {
                float expected = (float) (((pixels[k] & 0xff) - offset[k % d]) * factor[k % d]);
                if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(got[k])) {
                    assertEquals(expected, got[k], "value " + k + " (pixel " + (pixels[k] & 0xff) + ")");
                }
            }
        }
    }

    @Test
    void pixels_under_per_feature_scaling_use_each_features_offset_and_factor() {
        int d = 3;
        byte[] pixels = {0, 10, (byte) 200, 5, (byte) 255, 7};
        Table table = Table.ofPixels(pixels, 2, d, new int[2]);
        double[] offset = {1, 2, 3};
        double[] factor = {0.5, 0.25, 0.125};
        float[] got = table.toExamples(2, new Scaling.Transform("t", offset, factor)).features().data().asFloat();
        for (int k = 0; k < got.length; k++) {
            assertEquals((float) (((pixels[k] & 0xff) - offset[k % d]) * factor[k % d]), got[k], "value " + k);
        }
    }
}
