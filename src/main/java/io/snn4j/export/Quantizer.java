package io.snn4j.export;

import io.snn4j.model.IntegerWeights;
import io.snn4j.model.WeightLayout;
import io.snn4j.model.ModelWriter;
import com.google.protobuf.ByteString;
import io.snn4j.model.proto.FixedPointProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.NetworkProto;
import io.snn4j.model.proto.PopulationProto;
import io.snn4j.model.proto.ProjectionProto;
import io.snn4j.model.proto.QuantizedWeightsProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.FixedLifParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Symmetric fixed-point quantization of a network's weights, calibrated on the weight ranges: every projection into
 * one LIF population shares that population's scales (one per tensor, or one per output channel: a channel of a
 * C x H x W population, or each neuron of a flat one), so that its integer accumulator adds like units.
 * {@code scale_c = max |w| / (2^(bits-1) - 1)} over the weights into channel c, {@code q = round(w / scale_c)},
 * thresholds become {@code round(threshold / scale_c)}.
 *
 * <p>Overflow check, at export: the largest input one tick can add to a neuron's synaptic current (every source
 * spiking at once, {@code sum |q|} over its synapses) and every threshold must fit in a signed accumulator of the
 * given width; otherwise the export is refused naming the population, the worst case and the excess. The sustained
 * bound ({@code tau_syn} times that, every source spiking every tick) is reported, not enforced.
 *
 * <p>Integer mode (schema 1.2, accumulators of at most 32 bits): decay shift {@link #DECAY_SHIFT}, decay constants
 * {@code round(2^S / tau)}, and per population the largest {@code frac_bits} up to {@link #MAX_FRAC_BITS} for which
 * the sustained worst case fits the accumulator: with P and N the largest sums of positive and of |negative| integer
 * weights into one neuron, a current stays within {@code max(P, N) 2^f tau_syn}, the membrane below
 * {@code threshold_state + P 2^f + bias} and above {@code -tau_mem (N 2^f + |bias|)}. When not even f = 0 fits,
 * f = 0 and the report says the sustained input may saturate (the simulator counts saturations).
 *
 * <p>Calibration: a clipping factor per population ({@code clip} in (0, 1]) shrinks its scales to
 * {@code clip * max |w| / (2^(bits-1) - 1)}, clipping the largest weights to the integer range in exchange for a finer
 * step for all others; the command line picks the factors by simulating the integer network on training samples.
 * Stateless.
 */
final class Quantizer {
    /** Decay shift S of the integer-mode exports (tau 64 and 8 give exact constants 1024 and 8192). */
    static final int DECAY_SHIFT = 16;
    /** Most fractional state bits an export uses. */
    static final int MAX_FRAC_BITS = 8;

    private Quantizer() {
    }

    /**
     * Quantization of one population: scales, integer thresholds, the worst-case input per tick, and in integer mode
     * (fracBits &gt;= 0) the fractional bits, thresholds and bias in state units.
     */
    record PopulationQ(int population, float[] scales, long[] thresholds, long worstCaseInput, int[] channelOf,
                       double clip, int fracBits, long[] thresholdState, long[] biasState) {
        boolean integerMode() {
            return fracBits >= 0;
        }
    }

    /** Quantized values of one projection in the order of its float weights (scalar kinds: one per scale). */
    record ProjectionQ(int projection, int[] values) {
    }

    /** The quantized network. */
    record Quantized(NetworkSpec net, int bits, int accumulatorBits, boolean perChannel, List<PopulationQ> pops,
                     List<ProjectionQ> projs, String report) {

        /** {@code model} (as written by {@link ModelWriter}, same population and projection order) with integers. */
        ModelProto apply(ModelProto model) {
            NetworkProto.Builder n = model.getNetwork().toBuilder();
            for (PopulationQ q : pops) {
                PopulationProto.Builder p = n.getPopulationsBuilder(q.population());
                FixedPointProto.Builder f = FixedPointProto.newBuilder().setWeightBits(bits)
                        .setAccumulatorBits(accumulatorBits).setWorstCaseInput(q.worstCaseInput());
                for (int c = 0; c < q.scales().length; c++) {
                    f.addScales(q.scales()[c]).addThresholds(q.thresholds()[c]);
                }
                if (q.integerMode()) {
                    var lif = net.population(q.population()).lif();
                    f.setFracBits(q.fracBits()).setDecayShift(DECAY_SHIFT)
                            .setDecayMem((int) FixedLifParameters.decayOf(lif.tauMemTicks(), DECAY_SHIFT));
                    for (int k = 0; k < lif.synapseTypes(); k++) {
                        f.addDecaySyn((int) FixedLifParameters.decayOf(lif.tauSynTicks(k), DECAY_SHIFT));
                    }
                    for (int c = 0; c < q.scales().length; c++) {
                        f.addThresholdState(q.thresholdState()[c]);
                        if (q.biasState().length > 0) {
                            f.addBiasState(q.biasState()[c]);
                        }
                    }
                }
                p.getLifBuilder().setFixedPoint(f);
            }
            for (ProjectionQ q : projs) {
                ProjectionProto.Builder p = n.getProjectionsBuilder(q.projection());
                PopulationQ t = popOf(net.projection(q.projection()).target());
                QuantizedWeightsProto.Builder w = QuantizedWeightsProto.newBuilder().setBits(bits)
                        .setPerOutputChannel(perChannel);
                for (float s : t.scales()) {
                    w.addScales(s);
                }
                if (bits == 8) {
                    byte[] b = new byte[q.values().length];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) q.values()[i];
                    }
                    w.setInt8Values(ByteString.copyFrom(b));
                } else {
                    for (int v : q.values()) {
                        w.addValues(v);
                    }
                }
                p.setQuantized(w);
            }
            return model.toBuilder().setNetwork(n).build();
        }

        PopulationQ popOf(int population) {
            for (PopulationQ q : pops) {
                if (q.population() == population) {
                    return q;
                }
            }
            throw new IllegalStateException("population " + population + " was not quantized");
        }

        /**
         * The network with every weight replaced by its de-quantized value {@code q * scale} (thresholds unchanged:
         * a threshold compared in integer units equals the float threshold up to the rounding reported). Pooling
         * and lateral inhibition whose scales differ between channels become explicit sparse projections.
         */
        NetworkSpec dequantized() {
            float[][] scales = new float[net.populations().size()][];
            int[][] channelOf = new int[scales.length][];
            for (PopulationQ q : pops) {
                scales[q.population()] = q.scales();
                channelOf[q.population()] = q.channelOf();
            }
            int[][] values = new int[net.projections().size()][];
            for (ProjectionQ q : projs) {
                values[q.projection()] = q.values();
            }
            return IntegerWeights.substitute(net, values, scales, channelOf);
        }
    }

    /** Channel index of each neuron of a population. */
    static int[] channels(NetworkSpec net, int q, boolean perChannel) {
        PopulationSpec p = net.population(q);
        Shape s = p.shape();
        boolean spatialIn = false;
        for (ProjectionSpec pr : net.projections()) {
            spatialIn |= pr.target() == q && pr.isSpatial();
        }
        boolean flat = s.channels() == 1 && s.height() == 1 && !spatialIn;
        int[] ch = new int[s.size()];
        int hw = s.height() * s.width();
        for (int n = 0; n < ch.length; n++) {
            ch[n] = !perChannel ? 0 : flat ? n : n / hw;
        }
        return ch;
    }

    /**
     * Quantizes {@code net}.
     *
     * @throws FixedPointOverflowException when a worst case or a threshold does not fit the accumulator
     * @throws IllegalArgumentException    for random projections (their weights are drawn at load time)
     */
    static Quantized quantize(NetworkSpec net, int bits, int accumulatorBits, boolean perChannel) {
        return quantize(net, bits, accumulatorBits, perChannel, null);
    }

    /** Weight and accumulator widths and the scale granularity of an export. */
    private record Format(int bits, int accumulatorBits, boolean perChannel) {
        /** Largest integer weight magnitude. */
        long qmax() {
            return (1L << (bits - 1)) - 1;
        }

        /** Largest accumulator value. */
        long accMax() {
            return accumulatorBits >= 64 ? Long.MAX_VALUE : (1L << (accumulatorBits - 1)) - 1;
        }

        boolean integerMode() {
            return accumulatorBits <= FixedLifParameters.MAX_ACCUMULATOR_BITS;
        }
    }

    /**
     * One population's quantization and the figures its report lines show.
     *
     * @param worstNeuron the neuron receiving {@code worstCaseInput}
     * @param maxError    the largest |w - q scale| of its incoming weights
     * @param floored     channels whose scale was raised so that the threshold fits
     * @param saturates   integer mode with no fractional bits for which the sustained input fits
     */
    private record Calibrated(PopulationQ q, int worstNeuron, double maxError, int floored, boolean saturates) {
    }

    /**
     * Quantizes {@code net} with per-population clipping factors.
     *
     * @param clip read; per population index a factor in (0, 1] (input populations ignored), or null for all 1
     */
    static Quantized quantize(NetworkSpec net, int bits, int accumulatorBits, boolean perChannel, double[] clip) {
        Format format = new Format(bits, accumulatorBits, perChannel);
        WeightLayout[] layouts = layouts(net);
        List<String> overflow = new ArrayList<>();
        List<PopulationQ> pops = new ArrayList<>();
        int[][] values = new int[layouts.length][];
        StringBuilder report = new StringBuilder(reportHeader(format));
        for (int q = 0; q < net.populations().size(); q++) {
            PopulationSpec p = net.population(q);
            if (p.isInput()) {
                continue;
            }
            double k = clip == null ? 1 : clip[q];
            if (!(k > 0 && k <= 1)) {
                throw new IllegalArgumentException("population '" + p.name() + "': clipping factor must be in (0, 1], "
                        + "was " + k);
            }
            Calibrated c = calibrate(net, q, k, format, layouts, values);
            overflow.addAll(overflows(p, c, format));
            report.append(reportLines(p, c, format));
            pops.add(c.q());
        }
        if (!overflow.isEmpty()) {
            throw new FixedPointOverflowException(net.name(), "fixed:" + bits + ":" + accumulatorBits, overflow);
        }
        report.append(reportFooter(format));
        List<ProjectionQ> projs = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
            projs.add(new ProjectionQ(j, values[j]));
        }
        return new Quantized(net, bits, accumulatorBits, perChannel, pops, projs, report.toString().stripTrailing());
    }

    /** The weight layout of every projection, refusing random projections. */
    private static WeightLayout[] layouts(NetworkSpec net) {
        WeightLayout[] layouts = new WeightLayout[net.projections().size()];
        for (int j = 0; j < layouts.length; j++) {
            ProjectionSpec pr = net.projection(j);
            layouts[j] = WeightLayout.of(net, pr);
            if (layouts[j] == null) {
                throw new IllegalArgumentException("projection '" + pr.name() + "': random projections draw their "
                        + "weights at load time; give explicit sparse weights to quantize them");
            }
        }
        return layouts;
    }

    /**
     * Scales, thresholds and integer values of population q and the projections into it (written into
     * {@code values}), the worst-case input per tick and, in integer mode, the fractional bits.
     */
    private static Calibrated calibrate(NetworkSpec net, int q, double k, Format format, WeightLayout[] layouts,
                                        int[][] values) {
        PopulationSpec p = net.population(q);
        long qmax = format.qmax();
        long accMax = format.accMax();
        int[] channelOf = channels(net, q, format.perChannel());
        int nCh = 0;
        for (int c : channelOf) {
            nCh = Math.max(nCh, c + 1);
        }
        List<Integer> incoming = new ArrayList<>();
        for (int j = 0; j < layouts.length; j++) {
            if (net.projection(j).target() == q) {
                incoming.add(j);
            }
        }
        double threshold = p.lif().threshold();
        boolean[] isFloored = new boolean[nCh];
        float[] scales = scales(layouts, incoming, channelOf, k, threshold, format, isFloored);
        long[] thresholds = new long[nCh];
        int floored = 0;
        for (int c = 0; c < nCh; c++) {
            thresholds[c] = Math.max(1, Math.round(threshold / scales[c]));
            floored += isFloored[c] ? 1 : 0;
        }
        // integers and the per-neuron worst case (sum |q| over synapses into the neuron)
        long[] worst = new long[p.size()];
        long[] positive = new long[p.size()];
        double maxErr = 0;
        for (int j : incoming) {
            WeightLayout layout = layouts[j];
            int[] vals = quantize(layout, channelOf, scales, qmax);
            values[j] = vals;
            layout.addMagnitudes(net, vals, channelOf, worst);
            for (int i = 0; i < vals.length; i++) {
                maxErr = Math.max(maxErr, layout.error(i, vals[i], scales[layout.channel(i, channelOf)]));
            }
            int[] pos = vals.clone();
            for (int i = 0; i < pos.length; i++) {
                pos[i] = Math.max(0, pos[i]);
            }
            long[] w2 = new long[p.size()];
            layout.addMagnitudes(net, pos, channelOf, w2);
            for (int n = 0; n < w2.length; n++) {
                positive[n] += w2[n];
            }
        }
        long maxPositive = 0;
        long maxNegative = 0;
        long worstInput = 0;
        int worstNeuron = 0;
        for (int n = 0; n < worst.length; n++) {
            maxPositive = Math.max(maxPositive, positive[n]);
            maxNegative = Math.max(maxNegative, worst[n] - positive[n]);
            if (worst[n] > worstInput) {
                worstInput = worst[n];
                worstNeuron = n;
            }
        }
        if (!format.integerMode()) {
            return new Calibrated(new PopulationQ(q, scales, thresholds, worstInput, channelOf, k, -1, new long[0],
                    new long[0]), worstNeuron, maxErr, floored, false);
        }
        // floored channels do not limit the fractional bits: their thresholds are clamped to the accumulator
        float[] regular = new float[nCh - floored == 0 ? nCh : nCh - floored];
        for (int c = 0, r = 0; c < nCh && floored < nCh; c++) {
            if (!isFloored[c]) {
                regular[r++] = scales[c];
            }
        }
        if (floored == nCh) {
            regular = scales;
        }
        int frac = fracBits(p, maxPositive, maxNegative, regular, accMax);
        long[] thresholdState = new long[nCh];
        long[] biasState = p.lif().bias() != 0 ? new long[nCh] : new long[0];
        for (int c = 0; c < nCh; c++) {
            thresholdState[c] = Math.max(1, Math.min(accMax, Math.round(Math.scalb(threshold, Math.max(frac, 0))
                    / scales[c])));
            if (biasState.length > 0) {
                biasState[c] = Math.max(-accMax, Math.min(accMax, Math.round(Math.scalb(p.lif().bias(),
                        Math.max(frac, 0)) / scales[c])));
            }
        }
        return new Calibrated(new PopulationQ(q, scales, thresholds, worstInput, channelOf, k, Math.max(frac, 0),
                thresholdState, biasState), worstNeuron, maxErr, floored, frac < 0);
    }

    /**
     * The scale of every channel: {@code k max |w| / qmax} over the weights into it, raised where the threshold would
     * not fit (then {@code isFloored[c]} is set).
     *
     * @param isFloored written; one entry per channel
     */
    private static float[] scales(WeightLayout[] layouts, List<Integer> incoming, int[] channelOf, double k,
                                  double threshold, Format format, boolean[] isFloored) {
        int nCh = isFloored.length;
        long qmax = format.qmax();
        double[] maxAbs = new double[nCh];
        for (int j : incoming) {
            WeightLayout layout = layouts[j];
            for (int i = 0; i < layout.valueCount(nCh); i++) {
                int c = layout.channel(i, channelOf);
                maxAbs[c] = Math.max(maxAbs[c], Math.abs(layout.weight(i)));
            }
        }
        // a channel whose weights are all (nearly) zero would get a scale so small that its threshold could not
        // be held: its scale is raised until the threshold takes at most a quarter of the accumulator (such a
        // neuron cannot reach its threshold in float either, and its weights round to 0)
        double scaleFloor = 4 * threshold / format.accMax();
        float[] scales = new float[nCh];
        for (int c = 0; c < nCh; c++) {
            double sc = maxAbs[c] > 0 ? k * maxAbs[c] / qmax : threshold / qmax;
            if (sc < scaleFloor) {
                sc = scaleFloor;
                isFloored[c] = true;
            }
            scales[c] = (float) sc;
        }
        return scales;
    }

    /**
     * The most fractional state bits (up to {@link #MAX_FRAC_BITS}) for which the sustained bounds fit
     * {@code accMax}, or -1 when not even 0 does.
     */
    private static int fracBits(PopulationSpec p, long maxPositive, long maxNegative, float[] scales, long accMax) {
        double tauSyn = Math.max(p.lif().tauSyn0Ticks(), p.lif().synapseTypes() == 2 ? p.lif().tauSyn1Ticks() : 0);
        for (int f = MAX_FRAC_BITS; f >= 0; f--) {
            if (sustainedFits(f, maxPositive, maxNegative, tauSyn, p.lif().tauMemTicks(), p.lif().threshold(),
                    p.lif().bias(), scales, accMax)) {
                return f;
            }
        }
        return -1;
    }

    /** Integer values of a projection in its layout's order. */
    static int[] quantize(WeightLayout layout, int[] channelOf, float[] scales, long qmax) {
        int[] q = new int[layout.valueCount(scales.length)];
        for (int i = 0; i < q.length; i++) {
            q[i] = round(layout.weight(i), scales[layout.channel(i, channelOf)], qmax);
        }
        return q;
    }

    /** The messages of a population whose worst-case input or threshold does not fit the accumulator. */
    private static List<String> overflows(PopulationSpec p, Calibrated c, Format format) {
        List<String> out = new ArrayList<>();
        long accMax = format.accMax();
        long worstInput = c.q().worstCaseInput();
        if (worstInput > accMax) {
            out.add(String.format("population '%s': neuron %d can receive %d integer units in one tick "
                            + "(every source spiking), more than the %d a %d-bit accumulator holds (exceeds by "
                            + "%d, %.1fx); use fewer weight bits, a wider accumulator (fixed:%d:%d) or smaller "
                            + "fan-in", p.name(), c.worstNeuron(), worstInput, accMax, format.accumulatorBits(),
                    worstInput - accMax, (double) worstInput / accMax, format.bits(),
                    Math.min(64, 65 - Long.numberOfLeadingZeros(worstInput))));
        }
        long maxThreshold = max(c.q().thresholds(), 0);
        if (maxThreshold > accMax) {
            out.add(String.format("population '%s': threshold %s is %d integer units, more than the %d a "
                    + "%d-bit accumulator holds (exceeds by %d)", p.name(), p.lif().threshold(), maxThreshold, accMax,
                    format.accumulatorBits(), maxThreshold - accMax));
        }
        return out;
    }

    private static String reportHeader(Format format) {
        return String.format("fixed-point export: %d-bit weights, %d-bit accumulator (max %d), scale per %s%n",
                format.bits(), format.accumulatorBits(), format.accMax(),
                format.perChannel() ? "output channel" : "tensor")
                + String.format("  %-16s %8s %24s %18s %16s %8s %14s%n", "population", "scales", "scale range",
                "threshold (int)", "worst input/tick", "acc use", "max |w err|");
    }

    /** A population's line of the report, and its integer-mode and floored-scale lines where they apply. */
    private static String reportLines(PopulationSpec p, Calibrated c, Format format) {
        PopulationQ q = c.q();
        long accMax = format.accMax();
        int nCh = q.scales().length;
        float minScale = Float.MAX_VALUE;
        float maxScale = 0;
        for (float s : q.scales()) {
            minScale = Math.min(minScale, s);
            maxScale = Math.max(maxScale, s);
        }
        long worstInput = q.worstCaseInput();
        double sustained = (double) worstInput * p.lif().tauSyn0Ticks();
        StringBuilder out = new StringBuilder(String.format("  %-16s %8d %24s %18s %16d %7.1f%% %14.3g%s%n",
                p.name(), nCh, String.format("%.3g..%.3g", minScale, maxScale), nCh == 1
                        ? Long.toString(q.thresholds()[0]) : "max " + max(q.thresholds(), 0), worstInput,
                100.0 * worstInput / accMax, c.maxError(), sustained > accMax
                        ? "  (sustained every-tick input could reach " + (long) sustained + ", saturating)" : ""));
        if (q.integerMode()) {
            out.append(String.format("  %-16s integer mode: clip %.2f, frac_bits %d, threshold_state %s%s%n", "",
                    q.clip(), q.fracBits(), nCh == 1 ? Long.toString(q.thresholdState()[0])
                            : "max " + max(q.thresholdState(), Long.MIN_VALUE),
                    c.saturates() ? "  (frac_bits 0: sustained every-tick input may saturate)" : ""));
        }
        if (c.floored() > 0) {
            double scaleFloor = 4 * p.lif().threshold() / accMax;
            out.append(String.format("  %-16s %d of %d channels have max |w| below %.3g: scale raised to %.3g "
                            + "so that the threshold fits (integer mode: threshold_state clamped to the accumulator)%n",
                    "", c.floored(), nCh, scaleFloor * format.qmax(), scaleFloor));
        }
        return out.toString();
    }

    private static String reportFooter(Format format) {
        if (!format.integerMode()) {
            return String.format("  no integer mode: it needs an accumulator of at most %d bits (was %d)%n",
                    FixedLifParameters.MAX_ACCUMULATOR_BITS, format.accumulatorBits());
        }
        return String.format("  integer mode: decay_shift %d (decay constants round(2^%d / tau))%n", DECAY_SHIFT,
                DECAY_SHIFT);
    }

    /** The largest entry of {@code a}, or {@code empty} when it has none. */
    private static long max(long[] a, long empty) {
        long m = empty;
        for (long x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Whether the sustained bounds of the class comment fit {@code accMax} with {@code f} fractional bits. */
    static boolean sustainedFits(int f, long maxPositive, long maxNegative, double tauSyn, double tauMem,
                                 double threshold, double bias, float[] scales, long accMax) {
        double one = Math.scalb(1.0, f);
        double current = Math.max(maxPositive, maxNegative) * one * tauSyn + tauSyn;
        double worstThreshold = 0;
        double worstBias = 0;
        for (float s : scales) {
            worstThreshold = Math.max(worstThreshold, threshold * one / s + 1);
            worstBias = Math.max(worstBias, Math.abs(bias) * one / s + 1);
        }
        double up = worstThreshold + maxPositive * one + worstBias;
        double down = tauMem * (maxNegative * one + worstBias + 1);
        return current <= accMax && up <= accMax && down <= accMax;
    }

    private static int round(double w, float scale, long qmax) {
        return (int) Math.max(-qmax, Math.min(qmax, Math.round(w / scale)));
    }
}
