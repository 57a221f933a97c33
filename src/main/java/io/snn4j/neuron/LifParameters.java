package io.snn4j.neuron;

/**
 * Parameters of a current-based leaky integrate-and-fire population with one or two synapse types, in ticks.
 *
 * <p>Discrete dynamics (hm2bp-spec 1.2, extended by a second synapse type and a bias), for every tick t:
 * <pre>
 *   v   &lt;- v * (1 - 1/tauMem)                       leak
 *   e_k &lt;- e_k * (1 - 1/tauSyn_k)                   synaptic current decay, k = 0 (and 1)
 *   t == 0: stop here (tick 0 is dead)
 *   e_k &lt;- e_k + R_k(t)                             weighted spikes arriving this tick (projection delay &gt;= 1)
 *   v   &lt;- v + (e_0/tauSyn_0 + e_1/tauSyn_1) + bias
 *   refractory: v &lt;- 0 for refractoryTicks ticks after a spike (the currents keep integrating)
 *   spike if v &gt; threshold - 1e-6 (v &gt; threshold when strictThreshold), then v &lt;- 0
 * </pre>
 * The continuous model it discretises is {@code dI/dt = -I/tauSyn + sum w delta(t - t_f)}, {@code du/dt = -u/tauMem +
 * I/tauSyn} (Jin, Zhang &amp; Li, NeurIPS 2018). Immutable and thread-safe.
 *
 * @param tauMemTicks     membrane time constant, &gt;= 1 tick
 * @param tauSyn0Ticks    time constant of synapse type 0, &gt;= 1 tick
 * @param tauSyn1Ticks    time constant of synapse type 1 (&gt;= 1), or 0 when the population has one synapse type
 * @param threshold       firing threshold, &gt; 1e-6
 * @param strictThreshold compare {@code v > threshold} instead of {@code v > threshold - 1e-6}
 * @param refractoryTicks ticks the membrane is held at 0 after a spike, &gt;= 0
 * @param bias            constant drive added to v every tick from tick 1 on
 */
public record LifParameters(double tauMemTicks, double tauSyn0Ticks, double tauSyn1Ticks, double threshold,
                            boolean strictThreshold, int refractoryTicks, double bias) {

    /** Largest refractory period accepted, in ticks. */
    public static final int MAX_REFRACTORY_TICKS = 1 << 24;

    public LifParameters {
        java.util.List<String> problems = problems(tauMemTicks, tauSyn0Ticks, tauSyn1Ticks, threshold,
                refractoryTicks, bias);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every rule the values break, as messages naming the field, the rule and the value; empty when valid. */
    public static java.util.List<String> problems(double tauMemTicks, double tauSyn0Ticks, double tauSyn1Ticks,
                                                  double threshold, long refractoryTicks, double bias) {
        java.util.List<String> out = new java.util.ArrayList<>();
        check(out, tauMemTicks >= 1 && tauMemTicks < Double.POSITIVE_INFINITY, "tau_mem must be >= 1 tick",
                tauMemTicks);
        check(out, tauSyn0Ticks >= 1 && tauSyn0Ticks < Double.POSITIVE_INFINITY, "tau_syn[0] must be >= 1 tick",
                tauSyn0Ticks);
        check(out, tauSyn1Ticks == 0 || (tauSyn1Ticks >= 1 && tauSyn1Ticks < Double.POSITIVE_INFINITY),
                "tau_syn[1] must be absent or >= 1 tick", tauSyn1Ticks);
        check(out, threshold > 1e-6 && threshold < Double.POSITIVE_INFINITY, "threshold must be > 1e-6 and finite",
                threshold);
        if (refractoryTicks < 0 || refractoryTicks > MAX_REFRACTORY_TICKS) {
            out.add("refractory_ticks must be in [0, " + MAX_REFRACTORY_TICKS + "], was " + refractoryTicks);
        }
        check(out, Double.isFinite(bias), "bias must be finite", bias);
        return out;
    }

    /** The HM2-BP defaults: tau_m 64, tau_s 8, refractory 2, threshold compared with the 1e-6 slack. */
    public static LifParameters hm2bp(double threshold) {
        return new LifParameters(64, 8, 0, threshold, false, 2, 0);
    }

    public int synapseTypes() {
        return tauSyn1Ticks == 0 ? 1 : 2;
    }

    public double tauSynTicks(int type) {
        return type == 0 ? tauSyn0Ticks : tauSyn1Ticks;
    }

    private static void check(java.util.List<String> out, boolean ok, String rule, double value) {
        if (!ok) {
            out.add(rule + ", was " + value);
        }
    }
}
