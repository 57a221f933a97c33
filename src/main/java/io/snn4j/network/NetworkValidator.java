package io.snn4j.network;

import io.snn4j.neuron.LifParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every structural rule of a {@link NetworkSpec}, checked at once; messages name the field, the rule and the value. */
final class NetworkValidator {
    /** Largest total neuron count (engines index neurons with int). */
    static final long MAX_NEURONS = 1L << 30;
    /** Largest delay in ticks. */
    static final int MAX_DELAY_TICKS = 1 << 16;
    /** Largest spread of per-synapse delays within one projection (they are stored as one byte each). */
    static final int MAX_DELAY_SPREAD = 255;
    /** Largest synapse count of one explicit projection (int indices). */
    static final long MAX_SYNAPSES_PER_PROJECTION = Integer.MAX_VALUE - 16;

    private NetworkValidator() {
    }

    static List<String> problems(double usPerTick, int ticks, List<PopulationSpec> pops,
                                 List<ProjectionSpec> projs, int input, int output) {
        List<String> out = new ArrayList<>();
        if (!(usPerTick > 0) || Double.isInfinite(usPerTick)) {
            out.add("us_per_tick must be > 0 and finite, was " + usPerTick);
        }
        if (ticks <= 0) {
            out.add("ticks must be > 0, was " + ticks);
        }
        if (pops == null || pops.isEmpty()) {
            out.add("a network needs at least one population");
            return out;
        }
        Set<String> names = new HashSet<>();
        long neurons = 0;
        for (PopulationSpec p : pops) {
            if (!names.add(p.name())) {
                out.add("population '" + p.name() + "': name used twice");
            }
            neurons += p.size();
            if (!(Double.isFinite(p.vInitLow()) && Double.isFinite(p.vInitHigh()) && p.vInitLow() <= p.vInitHigh())) {
                out.add("population '" + p.name() + "': v_init range must be finite with low <= high, was ["
                        + p.vInitLow() + ", " + p.vInitHigh() + "]");
            } else if (p.isInput() && (p.vInitLow() != 0 || p.vInitHigh() != 0)) {
                out.add("population '" + p.name() + "': an input population has no membrane to initialise");
            }
            if (p.lif() != null) {
                LifParameters l = p.lif();
                for (String problem : LifParameters.problems(l.tauMemTicks(), l.tauSyn0Ticks(), l.tauSyn1Ticks(),
                        l.threshold(), l.refractoryTicks(), l.bias())) {
                    out.add("population '" + p.name() + "': " + problem);
                }
            }
        }
        integerMode(pops, projs, out);
        if (neurons > MAX_NEURONS) {
            out.add("network has " + neurons + " neurons, more than the limit " + MAX_NEURONS);
        }
        if (input < 0 || input >= pops.size()) {
            out.add("input must name a population");
        } else if (!pops.get(input).isInput()) {
            out.add("input population '" + pops.get(input).name() + "' must be an input population, not LIF");
        }
        if (output >= pops.size() || output < -1) {
            out.add("output must name a population");
        } else if (output >= 0 && pops.get(output).isInput()) {
            out.add("output population '" + pops.get(output).name() + "' must be a LIF population");
        }
        Set<String> projNames = new HashSet<>();
        long connectivityBytes = 0;
        for (ProjectionSpec pr : projs) {
            String where = "projection '" + pr.name() + "'";
            if (!projNames.add(pr.name())) {
                out.add(where + ": name used twice");
            }
            if (pr.source() < 0 || pr.source() >= pops.size() || pr.target() < 0 || pr.target() >= pops.size()) {
                out.add(where + ": source and target must name populations");
                continue;
            }
            PopulationSpec src = pops.get(pr.source());
            PopulationSpec tgt = pops.get(pr.target());
            if (tgt.isInput()) {
                out.add(where + ": target '" + tgt.name() + "' is an input population and cannot receive spikes");
                continue;
            }
            int types = tgt.lif().synapseTypes();
            if (pr.synapse() < 0 || pr.synapse() >= types) {
                out.add(where + ": synapse must be in [0, " + types + ") for target '" + tgt.name() + "', was "
                        + pr.synapse());
            }
            if (pr.delayTicks() < 1 || pr.delayTicks() > MAX_DELAY_TICKS) {
                out.add(where + ": delay must be in [1, " + MAX_DELAY_TICKS + "] ticks, was " + pr.delayTicks());
            }
            for (String problem : pr.problems(src, tgt)) {
                out.add(where + ": " + problem);
            }
            connectivityBytes += pr.connectivityBytes(src, tgt);
        }
        long neuronBytes = neurons * 48L;
        long available = Runtime.getRuntime().maxMemory();
        long needed = connectivityBytes + neuronBytes;
        if (needed > available - available / 8) {
            out.add(String.format("network needs about %d MB of heap (connectivity %d MB, neurons %d MB), more than "
                            + "the %d MB this JVM may use (-Xmx)", needed >> 20, connectivityBytes >> 20,
                    neuronBytes >> 20, available >> 20));
        }
        return out;
    }

    /** Largest integer weight magnitude in integer mode (16-bit weights); such floats hold integers exactly. */
    static final int MAX_INTEGER_WEIGHT = 32767;

    /**
     * Integer mode: all LIF populations or none carry fixed-point parameters, consistent with their float ones, start
     * at rest, and every weight into them is an integer in [-32767, 32767] (random projections draw float weights
     * and are refused).
     */
    private static void integerMode(List<PopulationSpec> pops, List<ProjectionSpec> projs, List<String> out) {
        int integer = 0;
        int lif = 0;
        for (PopulationSpec p : pops) {
            lif += p.isInput() ? 0 : 1;
            integer += p.isInteger() ? 1 : 0;
        }
        if (integer == 0) {
            return;
        }
        if (integer != lif) {
            out.add("integer mode: every LIF population needs fixed-point parameters, " + (lif - integer) + " of "
                    + lif + " have none");
        }
        for (PopulationSpec p : pops) {
            if (!p.isInteger()) {
                continue;
            }
            String where = "population '" + p.name() + "': integer mode: ";
            for (String problem : p.fixedPoint().problemsWith(p.lif(), p.size(), p.shape().channels())) {
                out.add(where + problem);
            }
            if (p.vInitLow() != 0 || p.vInitHigh() != 0) {
                out.add(where + "initial potentials (v_init) are not supported, was [" + p.vInitLow() + ", "
                        + p.vInitHigh() + "]");
            }
        }
        if (projs == null) {
            return;
        }
        for (ProjectionSpec pr : projs) {
            String where = "projection '" + pr.name() + "': integer mode: ";
            if (pr.drawsWeights()) {
                out.add(where + "random projections draw float weights; give explicit integer weights");
            } else if (pr.heldWeights() != null) {
                checkIntegers(pr.heldWeights(), where, out);
            }
        }
    }

    private static void checkIntegers(float[] w, String where, List<String> out) {
        for (int i = 0; i < w.length; i++) {
            if (w[i] != Math.rint(w[i]) || Math.abs(w[i]) > MAX_INTEGER_WEIGHT) {
                out.add(where + "weight " + i + " must be an integer in [-" + MAX_INTEGER_WEIGHT + ", "
                        + MAX_INTEGER_WEIGHT + "], was " + w[i]);
                return;
            }
        }
    }

    /** Length of an array for a message, or "absent". */
    static String len(Object array) {
        if (array == null) {
            return "absent";
        }
        return String.valueOf(java.lang.reflect.Array.getLength(array));
    }

    /** Adds a message naming the first weight that is not finite, if any. */
    static void checkFinite(float[] w, List<String> out) {
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                out.add("weight " + i + " is " + w[i] + " (must be finite)");
                return;
            }
        }
    }
}
