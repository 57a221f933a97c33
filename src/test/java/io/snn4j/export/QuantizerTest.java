package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuantizerTest {
    static NetworkSpec bars() throws IOException {
        return ModelFiles.load(Path.of("models/bars.textproto"));
    }

    @Test
    void barsKernelsQuantiseExactlyAtEightBits() throws IOException {
        Quantizer.Quantized q = Quantizer.quantize(bars(), 8, 24, true);
        // max |w| = 1 into every conv channel: scale = (float) (1/127), which is a little below 1/127, so -0.5 / scale
        // is a little below -63.5 and rounds to -64
        Quantizer.PopulationQ edges = q.popOf(1);
        assertEquals(4, edges.scales().length);
        assertEquals(1f / 127, edges.scales()[0], 0);
        assertEquals(127, edges.thresholds()[0]); // threshold 1 / (1/127)
        int[] conv = q.projs().get(0).values();
        assertEquals(-64, conv[0]);
        assertEquals(127, conv[3]);
        // worst case per tick: |q| summed over the whole kernel, 3 x 127 + 6 x 64
        assertEquals(3 * 127 + 6 * 64, edges.worstCaseInput());
        // orientation: pool weight 1 and lateral -1.5 share scale 1.5/127; threshold 2 -> 169
        Quantizer.PopulationQ out = q.popOf(2);
        assertEquals(1.5f / 127, out.scales()[0], 1e-9);
        assertEquals(169, out.thresholds()[0]);
        assertArrayEquals(new int[] {-127, -127, -127, -127}, q.projs().get(2).values());
        assertArrayEquals(new int[] {85, 85, 85, 85}, q.projs().get(1).values());
    }

    @Test
    void dequantizedWeightsStayWithinHalfAScale() throws IOException {
        NetworkSpec net = ModelFiles.load(Path.of("neuromorphic-export/models/tiny-cnn.textproto"));
        for (boolean perChannel : new boolean[] {true, false}) {
            Quantizer.Quantized q = Quantizer.quantize(net, 8, 24, perChannel);
            NetworkSpec d = q.dequantized();
            float[] w = ((ProjectionSpec.Dense) net.projection(2)).weights();
            float[] dq = ((ProjectionSpec.Dense) d.projection(2)).weights();
            Quantizer.PopulationQ out = q.popOf(3);
            for (int i = 0; i < w.length; i++) {
                float scale = out.scales()[out.channelOf()[i / 48]];
                assertTrue(Math.abs(w[i] - dq[i]) <= scale / 2 + 1e-7, "weight " + i);
            }
            assertEquals(perChannel ? 4 : 1, out.scales().length);
        }
    }

    @Test
    void sixteenBitAccumulatorOverflowsForA2312InputLayer() throws IOException {
        NetworkSpec net = ModelFiles.load(Path.of("neuromorphic-export/models/nmnist-2312-800-10.textproto"));
        FixedPointOverflowException e = assertThrows(FixedPointOverflowException.class,
                () -> Quantizer.quantize(net, 8, 16, true));
        assertEquals(2, e.overflows().size());
        assertTrue(e.overflows().get(0).startsWith("population 'hidden': neuron "), e.getMessage());
        assertTrue(e.overflows().get(1).startsWith("population 'output': neuron "), e.getMessage());
    }

    @Test
    void randomProjectionsAreRefusedWithTheirName() throws IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("general", ".textproto");
        try {
            java.nio.file.Files.writeString(f, ExporterTest.GENERAL);
            NetworkSpec net = ModelFiles.load(f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Quantizer.quantize(net, 16, 32, true));
            assertTrue(e.getMessage().startsWith("projection 'r': random projections"), e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
