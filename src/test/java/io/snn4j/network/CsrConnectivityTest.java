package io.snn4j.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.TouchSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CsrConnectivity} delivers exactly the synapses it was built from, whether it keeps one weight for all of them
 * or one per synapse: checked against the synapses {@link RandomConnectivity#generate} draws, summed independently.
 */
class CsrConnectivityTest {
    private static final int IN = 30;
    private static final int OUT = 40;
    private static final int DELAY = 2;

    /** Expected per source: [delay offset][target] sums in float. */
    private static float[][][] drawn(ProjectionSpec.Random r, int spanTicks) {
        float[][][] sums = new float[IN][spanTicks + 1][OUT];
        RandomConnectivity.generate(r, IN, OUT, (pre, post, w, d) -> sums[pre][d - r.delayTicks()][post] += w);
        return sums;
    }

    private static void assertDeliversTheDrawnSynapses(ProjectionSpec.Random r, int span) {
        CsrConnectivity c = CsrConnectivity.fromRandom(IN, OUT, r);
        float[][][] expected = drawn(r, span);
        for (int src = 0; src < IN; src++) {
            float[][] got = new float[span + 1][OUT];
            long[][] gotLong = new long[span + 1][OUT];
            List<Integer> delays = new ArrayList<>();
            for (int cursor = c.firstGroup(src); cursor >= 0; ) {
                int d = c.groupDelay(src, cursor) - DELAY;
                delays.add(d);
                TouchSet touched = new TouchSet(OUT);
                c.deliverGroup(src, cursor, gotLong[d], 0, null);
                cursor = c.deliverGroup(src, cursor, got[d], 0, touched);
                for (int t = 0; t < OUT; t++) {
                    assertEquals(expected[src][d][t] != 0f, touched.contains(t), "touched " + src + " -> " + t);
                }
            }
            for (int k = 1; k < delays.size(); k++) {
                assertTrue(delays.get(k) > delays.get(k - 1), "groups in ascending delay, source " + src);
            }
            for (int d = 0; d <= span; d++) {
                assertArrayEquals(expected[src][d], got[d], "source " + src + ", delay offset " + d);
                for (int t = 0; t < OUT; t++) {
                    assertEquals((long) expected[src][d][t], gotLong[d][t], "integer sum " + src + " -> " + t);
                }
            }
        }
    }

    @Test
    void oneWeightForAllSynapsesDeliversTheDrawnSynapses() {
        var r = new ProjectionSpec.Random("r", 0, 1, 0, DELAY, 0.3, 5, 3f, 0f, DELAY, true);
        assertDeliversTheDrawnSynapses(r, 0);
        CsrConnectivity c = CsrConnectivity.fromRandom(IN, OUT, r);
        // one weight: 4 bytes a synapse (the targets) and 4 a row start
        assertEquals(4 * c.synapseCount() + 4 * (IN + 1), c.bytes());
    }

    @Test
    void oneWeightWithDelayGroupsDeliversTheDrawnSynapses() {
        var r = new ProjectionSpec.Random("r", 0, 1, 0, DELAY, 0.3, 6, -2f, 0f, DELAY + 3, false);
        assertDeliversTheDrawnSynapses(r, 3);
        CsrConnectivity c = CsrConnectivity.fromRandom(IN, OUT, r);
        assertEquals(5 * c.synapseCount() + 4 * (IN + 1), c.bytes());
    }

    @Test
    void weightsThatDifferAreKeptPerSynapse() {
        var r = new ProjectionSpec.Random("r", 0, 1, 0, DELAY, 0.3, 7, 1f, 0.5f, DELAY + 2, false);
        assertDeliversTheDrawnSynapses(r, 2);
        CsrConnectivity c = CsrConnectivity.fromRandom(IN, OUT, r);
        assertEquals(9 * c.synapseCount() + 4 * (IN + 1), c.bytes());
    }
}
