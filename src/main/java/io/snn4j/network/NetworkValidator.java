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
            connectivityBytes += checkKind(pr, src, tgt, where, out);
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

    /** Checks the kind-specific rules and returns the bytes its compiled connectivity will take. */
    private static long checkKind(ProjectionSpec pr, PopulationSpec src, PopulationSpec tgt, String where,
                                  List<String> out) {
        long nIn = src.size();
        long nOut = tgt.size();
        if (pr instanceof ProjectionSpec.Dense d) {
            long expected = nIn * nOut;
            if (d.weights() == null) {
                out.add(where + ": dense weights absent");
            } else {
                if (d.weights().length != expected) {
                    out.add(where + ": dense weights must have " + nOut + " x " + nIn + " = " + expected
                            + " entries (target x source), had " + d.weights().length);
                }
                checkFinite(d.weights(), where, out);
            }
            return expected * 4;
        } else if (pr instanceof ProjectionSpec.Sparse s) {
            int n = s.pre() == null ? 0 : s.pre().length;
            if (s.post() == null || s.weights() == null || s.post().length != n || s.weights().length != n
                    || (s.delays() != null && s.delays().length != n)) {
                out.add(where + ": sparse pre, post, weights (and delays if given) must have equal lengths, were "
                        + n + ", " + len(s.post()) + ", " + len(s.weights()) + ", " + len(s.delays()));
                return 0;
            }
            for (int i = 0; i < n; i++) {
                if (s.pre()[i] < 0 || s.pre()[i] >= nIn) {
                    out.add(where + ": synapse " + i + ": pre must be in [0, " + nIn + "), was " + s.pre()[i]);
                    break;
                }
                if (s.post()[i] < 0 || s.post()[i] >= nOut) {
                    out.add(where + ": synapse " + i + ": post must be in [0, " + nOut + "), was " + s.post()[i]);
                    break;
                }
            }
            if (s.delays() != null) {
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                for (int d : s.delays()) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
                if (n > 0 && (min < 1 || max > MAX_DELAY_TICKS)) {
                    out.add(where + ": delays must be in [1, " + MAX_DELAY_TICKS + "] ticks, were " + min + ".."
                            + max);
                } else if (n > 0 && max - min > MAX_DELAY_SPREAD) {
                    out.add(where + ": per-synapse delays may span at most " + MAX_DELAY_SPREAD + " ticks, spanned "
                            + min + ".." + max);
                } else if (n > 0 && min != s.delayTicks()) {
                    out.add(where + ": delay must equal the smallest per-synapse delay " + min + ", was "
                            + s.delayTicks());
                }
            }
            checkFinite(s.weights(), where, out);
            return n * (s.delays() == null ? 8L : 9L) + nIn * 4;
        } else if (pr instanceof ProjectionSpec.Random r) {
            if (!(r.p() >= 0 && r.p() <= 1)) {
                out.add(where + ": p must be in [0, 1], was " + r.p());
                return 0;
            }
            if (!Float.isFinite(r.weight()) || !Float.isFinite(r.weightSpread()) || r.weightSpread() < 0) {
                out.add(where + ": weight must be finite and weight_spread finite and >= 0, were " + r.weight()
                        + " and " + r.weightSpread());
            }
            if (r.delayMaxTicks() < r.delayTicks() || r.delayMaxTicks() - r.delayTicks() > MAX_DELAY_SPREAD
                    || r.delayMaxTicks() > MAX_DELAY_TICKS) {
                out.add(where + ": delay_max must be in [delay, delay + " + MAX_DELAY_SPREAD + "], was "
                        + r.delayMaxTicks() + " with delay " + r.delayTicks());
            }
            double expected = r.p() * nIn * nOut;
            if (expected > MAX_SYNAPSES_PER_PROJECTION * 0.99) {
                out.add(where + ": p = " + r.p() + " gives about " + (long) expected + " synapses, more than the "
                        + "limit " + MAX_SYNAPSES_PER_PROJECTION + " of one projection");
            }
            boolean delays = r.delayMaxTicks() > r.delayTicks();
            return (long) (expected * (delays ? 9 : 8) * 1.01) + nIn * 4;
        } else if (pr instanceof ProjectionSpec.OneToOne o) {
            if (nIn != nOut) {
                out.add(where + ": one-to-one needs equal sizes, source '" + src.name() + "' has " + nIn
                        + " and target '" + tgt.name() + "' " + nOut);
            }
            if (o.weights() == null || (o.weights().length != 1 && o.weights().length != nIn)) {
                out.add(where + ": one-to-one weights must have 1 or " + nIn + " entries, had " + len(o.weights()));
            } else {
                checkFinite(o.weights(), where, out);
            }
            return nIn * 4;
        } else if (pr instanceof ProjectionSpec.Conv2d c) {
            if (c.kernel() < 1 || c.stride() < 1 || c.padding() < 0 || c.inChannels() < 1 || c.outChannels() < 1) {
                out.add(where + ": conv2d needs kernel, stride, in_channels, out_channels >= 1 and padding >= 0, were "
                        + c.kernel() + ", " + c.stride() + ", " + c.inChannels() + ", " + c.outChannels() + ", "
                        + c.padding());
                return 0;
            }
            Shape si = src.shape();
            Shape so = tgt.shape();
            if (si.channels() != c.inChannels()) {
                out.add(where + ": in_channels " + c.inChannels() + " differs from source '" + src.name()
                        + "' shape " + si);
            }
            int oh = c.outputExtent(si.height());
            int ow = c.outputExtent(si.width());
            if (oh < 1 || ow < 1 || so.channels() != c.outChannels() || so.height() != oh || so.width() != ow) {
                out.add(where + ": target '" + tgt.name() + "' shape " + so + " differs from the conv2d output "
                        + c.outChannels() + "x" + oh + "x" + ow + " of source shape " + si);
            }
            long expected = (long) c.outChannels() * c.inChannels() * c.kernel() * c.kernel();
            if (c.weights() == null) {
                out.add(where + ": conv2d weights absent");
            } else {
                if (c.weights().length != expected) {
                    out.add(where + ": conv2d weights must have " + c.outChannels() + " x " + c.inChannels() + " x "
                            + c.kernel() + " x " + c.kernel() + " = " + expected + " entries, had "
                            + c.weights().length);
                }
                checkFinite(c.weights(), where, out);
            }
            return expected * 4;
        } else if (pr instanceof ProjectionSpec.Pool p) {
            if (p.kernel() < 1 || p.stride() < 1) {
                out.add(where + ": pool needs kernel and stride >= 1, were " + p.kernel() + " and " + p.stride());
                return 0;
            }
            if (!Float.isFinite(p.weight())) {
                out.add(where + ": pool weight must be finite, was " + p.weight());
            }
            Shape si = src.shape();
            Shape so = tgt.shape();
            int oh = p.outputExtent(si.height());
            int ow = p.outputExtent(si.width());
            if (si.height() < p.kernel() || si.width() < p.kernel() || so.channels() != si.channels()
                    || so.height() != oh || so.width() != ow) {
                out.add(where + ": target '" + tgt.name() + "' shape " + so + " differs from the pooling output "
                        + si.channels() + "x" + oh + "x" + ow + " of source shape " + si);
            }
            return 0;
        } else if (pr instanceof ProjectionSpec.LateralInhibition li) {
            if (pr.source() != pr.target()) {
                out.add(where + ": lateral inhibition must project a population onto itself, was '" + src.name()
                        + "' -> '" + tgt.name() + "'");
            }
            if (!Float.isFinite(li.strength())) {
                out.add(where + ": strength must be finite, was " + li.strength());
            }
            return 0;
        }
        throw new AssertionError(pr);
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
            if (pr instanceof ProjectionSpec.Random) {
                out.add(where + "random projections draw float weights; give explicit integer weights");
            } else if (pr instanceof ProjectionSpec.Dense d && d.weights() != null) {
                checkIntegers(d.weights(), where, out);
            } else if (pr instanceof ProjectionSpec.Sparse s && s.weights() != null) {
                checkIntegers(s.weights(), where, out);
            } else if (pr instanceof ProjectionSpec.OneToOne o && o.weights() != null) {
                checkIntegers(o.weights(), where, out);
            } else if (pr instanceof ProjectionSpec.Conv2d c && c.weights() != null) {
                checkIntegers(c.weights(), where, out);
            } else if (pr instanceof ProjectionSpec.Pool q) {
                checkIntegers(new float[] {q.weight()}, where, out);
            } else if (pr instanceof ProjectionSpec.LateralInhibition l) {
                checkIntegers(new float[] {l.strength()}, where, out);
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

    private static String len(Object array) {
        if (array == null) {
            return "absent";
        }
        return String.valueOf(java.lang.reflect.Array.getLength(array));
    }

    private static void checkFinite(float[] w, String where, List<String> out) {
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                out.add(where + ": weight " + i + " is " + w[i] + " (must be finite)");
                return;
            }
        }
    }
}
