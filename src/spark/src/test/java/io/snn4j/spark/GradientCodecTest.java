package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.train.SampleGradient;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GradientCodecTest {
    @Test
    void gradientsSurviveTheRoundTripBitForBit() {
        SampleGradient a = new SampleGradient(12.5, 3, false, new long[] {7, 8, 9}, new int[][] {{1, 4}, null},
                new float[][] {{1f, -0f, Float.MIN_VALUE, 2f}, {Float.NaN, 3e-38f}});
        SampleGradient b = new SampleGradient(0, 0, true, new long[0], new int[][] {{}, {}},
                new float[][] {{}, {}});
        SampleGradient[] back = GradientCodec.decode(GradientCodec.encode(new SampleGradient[] {a, b}));
        assertEquals(2, back.length);
        assertEquals(12.5, back[0].cost(), 0);
        assertEquals(3, back[0].decision());
        assertEquals(false, back[0].silentOutput());
        assertArrayEquals(new long[] {7, 8, 9}, back[0].populationSpikes());
        assertArrayEquals(new int[] {1, 4}, back[0].rows()[0]);
        assertNull(back[0].rows()[1], "a whole-layer gradient stays whole");
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(bits(a.values()[k]), bits(back[0].values()[k]), "layer " + k + " bit patterns");
        }
        assertEquals(true, back[1].silentOutput());
        assertEquals(0, back[1].rows()[0].length);
    }

    @Test
    void leftoverBytesAreAnError() {
        byte[] one = GradientCodec.encode(new SampleGradient[0]);
        byte[] longer = Arrays.copyOf(one, one.length + 1);
        assertThrows(IllegalStateException.class, () -> GradientCodec.decode(longer));
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
