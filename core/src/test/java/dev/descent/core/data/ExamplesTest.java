package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ExamplesTest {

    private static Examples three() {
        INDArray x = Examples.matrix(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        return Examples.classification(x, new int[] {2, 0, 1}, 3);
    }

    @Test
    void classification_targets_are_one_hot() {
        Examples examples = three();

        assertArrayEquals(new long[] {3, 3}, examples.targets().shape());
        assertEquals(1f, examples.targets().getFloat(0, 2));
        assertEquals(3f, examples.targets().sumNumber().floatValue());
        assertEquals(3, examples.size());
        assertEquals(2, examples.featureCount());
    }

    @Test
    void rows_copies_the_selected_rows_in_order() {
        Examples examples = three();

        Examples picked = examples.rows(new int[] {2, 0});
        picked.features().putScalar(0, 0, 99f);

        assertArrayEquals(new int[] {1, 2}, picked.labels());
        assertEquals(99f, picked.features().getFloat(0, 0));
        assertEquals(5f, examples.features().getFloat(2, 0), "the original is untouched");
        assertEquals(1f, picked.targets().getFloat(0, 1));
    }

    @Test
    void rows_of_nothing_is_empty_with_the_same_width() {
        Examples none = three().rows(new int[0]);

        assertEquals(0, none.size());
        assertEquals(2, none.featureCount());
        assertEquals(3, none.numClasses());
    }

    @Test
    void factory_copies_the_labels_it_is_given() {
        int[] labels = {2, 0, 1};
        Examples examples = Examples.classification(Examples.matrix(new float[6], 3, 2), labels, 3);

        labels[0] = 7;

        assertEquals(2, examples.labels()[0]);
    }

    @Test
    void rejects_a_row_index_out_of_range() {
        assertThrows(IndexOutOfBoundsException.class, () -> three().rows(new int[] {3}));
    }
}
