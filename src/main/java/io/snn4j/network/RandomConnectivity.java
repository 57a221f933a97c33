package io.snn4j.network;

import java.util.SplittableRandom;

/**
 * The exact draw behind a {@link ProjectionSpec.Random} projection, shared by the engines' compiler and the test
 * oracle so that a (spec, seed) pair always means the same synapses.
 *
 * <p>One {@link SplittableRandom} seeded with the projection's seed walks the presynaptic neurons in ascending order;
 * for each it visits the connected targets in ascending order by geometric skipping (gap = floor(ln(1-u)/ln(1-p))),
 * then draws the weight (uniform in [weight - spread, weight + spread] when spread &gt; 0) and the delay (uniform
 * integer in [delay, delayMax] when delayMax &gt; delay). Self connections are dropped unless allowed (after their
 * draws, so the stream does not depend on allowSelf). Cost is proportional to the synapses made, not to nIn x nOut.
 */
public final class RandomConnectivity {
    /** Receives one synapse. */
    @FunctionalInterface
    public interface SynapseSink {
        void accept(int pre, int post, float weight, int delay);
    }

    private RandomConnectivity() {
    }

    public static void generate(ProjectionSpec.Random r, int nIn, int nOut, SynapseSink sink) {
        if (r.p() <= 0) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(r.seed());
        double logQ = r.p() >= 1 ? 0 : Math.log1p(-r.p());
        boolean self = r.source() == r.target();
        int delaySpan = r.delayMaxTicks() - r.delayTicks();
        for (int pre = 0; pre < nIn; pre++) {
            long j = -1;
            while (true) {
                if (r.p() >= 1) {
                    j++;
                } else {
                    double skip = Math.floor(Math.log1p(-rng.nextDouble()) / logQ);
                    j += 1 + (skip > nOut ? nOut : (long) skip);
                }
                if (j >= nOut) {
                    break;
                }
                float w = r.weightSpread() > 0
                        ? (float) (r.weight() + r.weightSpread() * (2 * rng.nextDouble() - 1))
                        : r.weight();
                int d = delaySpan > 0 ? r.delayTicks() + rng.nextInt(delaySpan + 1) : r.delayTicks();
                if (self && !r.allowSelf() && j == pre) {
                    continue;
                }
                sink.accept(pre, (int) j, w, d);
            }
        }
    }
}
