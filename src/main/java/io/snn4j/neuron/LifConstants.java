package io.snn4j.neuron;

/**
 * Per-tick constants derived once from {@link LifParameters}, in the {@code float} arithmetic every stepped engine
 * uses. The canonical float update of one tick t &gt;= 1 (engines and oracle evaluate exactly these expressions, in
 * this order, so that their spikes agree bit for bit):
 * <pre>
 *   v  = v * decayMem
 *   e0 = e0 * decaySyn0 + r0
 *   e1 = e1 * decaySyn1 + r1
 *   v  = (v + (e0 * gain0 + e1 * gain1)) + bias
 *   if refractory: v = 0                       else if v &gt; thresholdValue: spike, v = 0
 *   if bias == 0 and |v| &lt; FLUSH and |e0| &lt; FLUSH and |e1| &lt; FLUSH: v = e0 = e1 = 0
 * </pre>
 * The last line (a deviation from the reference, which never flushes) lets a neuron without bias that has decayed to
 * nothing return exactly to rest, so the stepped engine can skip it; states below 1e-12 cannot change any threshold
 * comparison at float precision. A population with a bias never rests, so it never flushes.
 *
 * @param decayMem       1 - 1/tauMem
 * @param decaySyn0      1 - 1/tauSyn0
 * @param decaySyn1      1 - 1/tauSyn1 (0 when absent)
 * @param gain0          1/tauSyn0
 * @param gain1          1/tauSyn1 (0 when absent)
 * @param bias           bias per tick
 * @param thresholdValue largest float not above {@link #thresholdOf}: v spikes when {@code v > thresholdValue}
 * @param refractoryTicks refractory period
 */
public record LifConstants(float decayMem, float decaySyn0, float decaySyn1, float gain0, float gain1, float bias,
                           float thresholdValue, int refractoryTicks) {

    /** States smaller in magnitude than this are flushed to exact zero at the end of a tick. */
    public static final float FLUSH = 1e-12f;

    public static LifConstants of(LifParameters p) {
        boolean two = p.synapseTypes() == 2;
        return new LifConstants(
                (float) (1.0 - 1.0 / p.tauMemTicks()),
                (float) (1.0 - 1.0 / p.tauSyn0Ticks()),
                two ? (float) (1.0 - 1.0 / p.tauSyn1Ticks()) : 0f,
                (float) (1.0 / p.tauSyn0Ticks()),
                two ? (float) (1.0 / p.tauSyn1Ticks()) : 0f,
                (float) p.bias(),
                floatBelow(thresholdOf(p)),
                p.refractoryTicks());
    }

    /** The exact threshold the membrane must exceed: {@code threshold - 1e-6} in double, or threshold when strict. */
    public static double thresholdOf(LifParameters p) {
        return p.strictThreshold() ? p.threshold() : p.threshold() - 1e-6;
    }

    /**
     * Largest float not above {@code x}: for every float v, {@code v > floatBelow(x)} exactly when {@code v > x} in
     * double arithmetic, which is how the reference compares a float membrane with {@code threshold - 1e-6}.
     */
    static float floatBelow(double x) {
        float f = (float) x;
        return (double) f > x ? Math.nextDown(f) : f;
    }
}
