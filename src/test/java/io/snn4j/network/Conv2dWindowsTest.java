package io.snn4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.event.TouchSet;
import io.snn4j.neuron.LifParameters;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The convolution's windowed delivery ({@code deliverRows}: one SIMD window per kernel row) against its per-spike
 * loop ({@code deliverGroup}, what the engines' contract is written against): the same floats bit for bit, signed
 * zeros included, and the same touched neurons in the same order, on random geometries (kernel 1..8, padding 0..2,
 * output rows of 8..20 neurons, input channels 1..3), random spike lists with repeats, and weights that include
 * {@code +0f} and {@code -0f}; again after the kernel is overwritten; and split into parts by output channel
 * ({@code deliverRowsPart}), whose deliveries together are the whole.
 */
class Conv2dWindowsTest {
    private static final LifParameters LIF = new LifParameters(10, 2, 0, 1, false, 0, 0);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void windowsGiveTheFloatsAndTargetsOfThePerSpikeLoop(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 1 + rng.nextInt(8);
        int pad = rng.nextInt(3);
        int inC = 1 + rng.nextInt(3);
        int outC = 1 + rng.nextInt(4);
        int outW = 8 + rng.nextInt(13);
        int outH = 1 + rng.nextInt(10);
        int inW = outW + k - 1 - 2 * pad;
        int inH = outH + k - 1 - 2 * pad;
        ProjectionSpec.Conv2d spec = new ProjectionSpec.Conv2d("c", 0, 1, 0, 1, inC, outC, k, 1, pad,
                weights(rng, outC * inC * k * k));
        PopulationSpec in = PopulationSpec.input("in", new Shape(inC, inH, inW));
        PopulationSpec out = PopulationSpec.lif("out", new Shape(outC, spec.outputExtent(inH),
                spec.outputExtent(inW)), LIF);
        Conv2dConnectivity conn = (Conv2dConnectivity) spec.compile(in, out);
        assertTrue(conn.deliversRows(), "stride 1, kernel <= 8, output rows >= 8 neurons: windowed");

        check(conn, rng, in.size(), out.size());
        conn.overwrite(weights(rng, outC * inC * k * k));
        check(conn, rng, in.size(), out.size());
    }

    private static void check(Conv2dConnectivity conn, SplittableRandom rng, int inSize, int outSize) {
        int count = rng.nextInt(3 * inSize);
        int[] spikes = new int[count];
        for (int s = 0; s < count; s++) {
            spikes[s] = rng.nextInt(inSize);
        }
        float[] start = new float[outSize + 5];
        for (int i = 0; i < start.length; i++) {
            int pick = rng.nextInt(4);
            start[i] = pick == 0 ? -0f : pick == 1 ? 0f : (float) rng.nextGaussian();
        }
        int base = 2;
        float[] want = start.clone();
        TouchSet wantTouched = new TouchSet(outSize);
        for (int s = 0; s < count; s++) {
            conn.deliverGroup(spikes[s], 0, want, base, wantTouched);
        }
        for (Kernels kernels : new Kernels[] {KernelProvider.scalar(), KernelProvider.get()}) {
            float[] got = start.clone();
            TouchSet touched = new TouchSet(outSize);
            conn.deliverRows(kernels, spikes, count, got, base, touched);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                        kernels.name() + ": accumulator " + i + " " + want[i] + " against " + got[i]);
            }
            assertEquals(wantTouched.size(), touched.size(), kernels.name() + ": touched count");
            for (int i = 0; i < touched.size(); i++) {
                assertEquals(wantTouched.get(i), touched.get(i), kernels.name() + ": touched " + i);
            }
            for (int parts = 1; parts <= Math.min(4, conn.splitBlocks()); parts++) {
                float[] split = start.clone();
                for (int part = parts - 1; part >= 0; part--) { // any order: the parts' targets are disjoint
                    conn.deliverRowsPart(kernels, spikes, count, split, base, part, parts);
                }
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(split[i]),
                            kernels.name() + " in " + parts + " parts: accumulator " + i);
                }
            }
            float[] untouched = start.clone();
            conn.deliverRows(kernels, spikes, count, untouched, base, null);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(untouched[i]),
                        kernels.name() + " without a touched set: accumulator " + i);
            }
        }
    }

    private static float[] weights(SplittableRandom rng, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int pick = rng.nextInt(6);
            w[i] = pick == 0 ? -0f : pick == 1 ? 0f : (float) rng.nextGaussian();
        }
        return w;
    }
}
