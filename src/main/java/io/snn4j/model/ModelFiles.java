package io.snn4j.model;

import io.snn4j.io.AtomicFiles;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.snn4j.model.proto.Conv2dLayerProto;
import io.snn4j.model.proto.FeedForwardProto;
import io.snn4j.model.proto.LayerProto;
import io.snn4j.model.proto.LifProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.NetworkProto;
import io.snn4j.model.proto.PopulationProto;
import io.snn4j.model.proto.ProjectionProto;
import io.snn4j.model.proto.ShapeProto;
import io.snn4j.model.proto.TrainingSettingsProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.FixedLifParameters;
import io.snn4j.neuron.LifParameters;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads and writes model files: protobuf text format ({@code .textproto}, {@code .txtpb}, {@code .pbtxt}) for
 * hand-written models and binary protobuf ({@code .pb}) for trained ones, both of {@code snn4j.v1.ModelProto}, and
 * maps them to {@link NetworkSpec}. Every problem of a file is reported at once, before any weight array is drawn.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelFiles {
    /** Newest major format version this reader understands. */
    public static final int FORMAT_VERSION = 1;
    /** Largest model file accepted (protobuf messages cannot exceed 2 GiB). */
    static final long MAX_FILE_BYTES = (1L << 31) - 1;
    /** Largest weight array drawn at load time. */
    static final long MAX_INIT_WEIGHTS = Integer.MAX_VALUE - 16;

    private ModelFiles() {
    }

    /** Reads a model file (text or binary by its extension) and returns its network. */
    public static NetworkSpec load(Path file) throws IOException {
        return toNetwork(read(file), file.toString());
    }

    /** Reads the protobuf message of a model file, refusing newer major versions. */
    public static ModelProto read(Path file) throws IOException {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(where + ": no such model file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new InvalidModelException(where, List.of("file is " + size + " bytes, more than the "
                    + MAX_FILE_BYTES + " a model file may have"));
        }
        if (isText(file)) {
            ModelProto.Builder b = ModelProto.newBuilder();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                TextFormat.getParser().merge(r, b);
            } catch (TextFormat.ParseException e) {
                throw new InvalidModelException(where, List.of("text format error at " + e.getMessage()));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidModelException(where, List.of("a text-format model must be UTF-8 text; the file "
                        + "holds bytes that are not UTF-8 (" + e.getClass().getSimpleName() + ")"));
            }
            return checkVersion(b.build(), where);
        }
        return parse(Files.readAllBytes(file), where);
    }

    /**
     * The model message of the bytes of a binary model, refusing newer major versions and training checkpoints.
     *
     * @param where the file or source named in messages
     */
    public static ModelProto parse(byte[] bytes, String where) throws IOException {
        if (looksLikeCheckpoint(bytes)) {
            throw new InvalidModelException(where, List.of("this is a training checkpoint (checkpoint.pb: weights "
                    + "and optimiser state for train --resume), not a model; load the model.pb written beside it"));
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidModelException(where, List.of("not a valid binary snn4j model (truncated or "
                    + "corrupt protobuf): " + e.getMessage()));
        }
        return checkVersion(model, where);
    }

    private static ModelProto checkVersion(ModelProto model, String where) throws IOException {
        if (model.getFormatVersion() > FORMAT_VERSION) {
            throw new UnsupportedSchemaVersionException(where, model.getFormatVersion(), FORMAT_VERSION);
        }
        return model;
    }

    /**
     * Whether the bytes are a {@code CheckpointProto} rather than a model: a checkpoint's fields 2 (epoch) and 3
     * (seed) are varints where a model has strings (producer name, doc).
     */
    static boolean looksLikeCheckpoint(byte[] bytes) {
        try {
            com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = com.google.protobuf.WireFormat.getTagFieldNumber(tag);
                int type = com.google.protobuf.WireFormat.getTagWireType(tag);
                if ((field == 2 || field == 3) && type == com.google.protobuf.WireFormat.WIRETYPE_VARINT) {
                    return true;
                }
                if (!in.skipField(tag)) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Whether a model runs in integer mode: a fixed-point export (schema 1.2) whose LIF populations carry the
     * integer-mode constants ({@code fixed_point.decay_shift > 0}).
     */
    public static boolean hasIntegerMode(ModelProto model) {
        if (model.getBodyCase() != ModelProto.BodyCase.NETWORK) {
            return false;
        }
        for (PopulationProto p : model.getNetwork().getPopulationsList()) {
            if (p.hasLif() && p.getLif().hasFixedPoint() && p.getLif().getFixedPoint().getDecayShift() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Writes a binary model file atomically (temporary file in the same folder, then rename). */
    public static void writeBinary(ModelProto model, Path file) throws IOException {
        AtomicFiles.write(file, model::writeTo);
    }

    /** Whether {@code file} is read as protobuf text format (by its extension). */
    public static boolean isTextFile(Path file) {
        return isText(file);
    }

    public static boolean isText(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".textproto") || name.endsWith(".txtpb") || name.endsWith(".pbtxt")
                || name.endsWith(".prototxt");
    }

    /**
     * The training settings of a model (schema 1.4, {@code training}); {@link TrainingSettings#NONE} for a model
     * without them (every file of revisions 1.0-1.3).
     *
     * @throws InvalidModelException listing every invalid field (NaN, negative rates, absurd epochs or batch sizes)
     */
    public static TrainingSettings trainingSettings(ModelProto model, String where) throws InvalidModelException {
        List<String> problems = new ArrayList<>();
        TrainingSettings s = trainingSettings(model, problems);
        if (!problems.isEmpty()) {
            throw new InvalidModelException(where, problems);
        }
        return s;
    }

    /** The training settings, or {@link TrainingSettings#NONE} after adding their problems to {@code problems}. */
    static TrainingSettings trainingSettings(ModelProto model, List<String> problems) {
        return model.hasTraining() ? trainingSettings(model.getTraining(), problems) : TrainingSettings.NONE;
    }

    /**
     * A training section (of a model or a checkpoint) as settings.
     *
     * @throws InvalidModelException listing every invalid field
     */
    public static TrainingSettings trainingSettings(TrainingSettingsProto t, String where)
            throws InvalidModelException {
        List<String> problems = new ArrayList<>();
        TrainingSettings s = trainingSettings(t, problems);
        if (!problems.isEmpty()) {
            throw new InvalidModelException(where, problems);
        }
        return s;
    }

    private static TrainingSettings trainingSettings(TrainingSettingsProto t, List<String> problems) {
        TrainingSettings.Mode mode = null;
        if (t.hasMode()) {
            switch (t.getMode()) {
                case FAITHFUL -> mode = TrainingSettings.Mode.FAITHFUL;
                case MINIBATCH -> mode = TrainingSettings.Mode.MINIBATCH;
                default -> problems.add("training.mode must be FAITHFUL or MINIBATCH, was " + t.getModeValue());
            }
        }
        TrainingSettings.Schedule schedule = null;
        if (t.hasLearningRateSchedule()) {
            if (t.getLearningRateSchedule() == TrainingSettingsProto.LearningRateSchedule.INVERSE_SQRT_EPOCH) {
                schedule = TrainingSettings.Schedule.INVERSE_SQRT_EPOCH;
            } else {
                problems.add("training.learning_rate_schedule must be INVERSE_SQRT_EPOCH (the one the trainer has), "
                        + "was " + t.getLearningRateScheduleValue());
            }
        }
        var a = t.getAugmentation();
        boolean aug = t.hasAugmentation();
        Double lambda = t.hasLambda() ? t.getLambda() : null;
        Double beta = t.hasBeta() ? t.getBeta() : null;
        Double weightLimit = t.hasWeightLimit() ? t.getWeightLimit() : null;
        Double learningRate = t.hasLearningRate() ? t.getLearningRate() : null;
        Integer batch = t.hasBatchSize() ? t.getBatchSize() : null;
        Integer epochs = t.hasEpochs() ? t.getEpochs() : null;
        Integer desired = t.hasDesiredSpikes() ? t.getDesiredSpikes() : null;
        Integer undesired = t.hasUndesiredSpikes() ? t.getUndesiredSpikes() : null;
        Integer margin = t.hasMargin() ? t.getMargin() : null;
        Integer shift = aug ? (a.hasShiftPx() ? a.getShiftPx() : Integer.valueOf(0)) : null;
        Double drop = aug ? (a.hasDropProbability() ? a.getDropProbability() : Double.valueOf(0)) : null;
        String backprop = t.hasBackprop() ? t.getBackprop() : null;
        String optimizer = t.hasOptimizer() ? t.getOptimizer() : null;
        List<String> bad = TrainingSettings.problems(lambda, beta, weightLimit, learningRate, batch, epochs, desired,
                undesired, margin, shift, drop, backprop, optimizer);
        problems.addAll(bad);
        if (!bad.isEmpty() || (t.hasMode() && mode == null) || (t.hasLearningRateSchedule() && schedule == null)) {
            return TrainingSettings.NONE;
        }
        return new TrainingSettings(lambda, beta, weightLimit, learningRate, schedule, mode, batch, epochs,
                t.hasSeed() ? t.getSeed() : null, t.hasBoosting() ? t.getBoosting() : null,
                t.hasEffectRatio() ? t.getEffectRatio() : null, desired, undesired, margin,
                t.hasShuffle() ? t.getShuffle() : null, shift, drop, backprop, optimizer);
    }

    /** Maps a model message to a network, collecting every problem (the training settings' included). */
    public static NetworkSpec toNetwork(ModelProto model, String where) throws InvalidModelException {
        Builder b = new Builder(model);
        trainingSettings(model, b.problems);
        switch (model.getBodyCase()) {
            case NETWORK -> b.network(model.getNetwork());
            case FEED_FORWARD -> b.feedForward(model.getFeedForward());
            default -> b.problems.add("model has no body: give 'network' or 'feed_forward'");
        }
        return b.build(where);
    }

    /**
     * Maps a fixed-point model (schema 1.2, written by {@code snn4j export --target fixed:...} with an accumulator of
     * at most 32 bits) to its integer-mode network: every LIF population carries its {@link FixedLifParameters},
     * every projection its integer weights (pooling and lateral inhibition with per-channel values become sparse
     * lists). The float network of the same file is {@link #toNetwork}; a model is simulated in float unless integer
     * mode is asked for.
     *
     * @throws InvalidModelException listing every problem, including populations or projections without integer data
     */
    public static NetworkSpec toIntegerNetwork(ModelProto model, String where) throws InvalidModelException {
        NetworkSpec net = toNetwork(model, where);
        List<String> problems = new ArrayList<>();
        if (model.getBodyCase() != ModelProto.BodyCase.NETWORK) {
            throw new InvalidModelException(where, List.of("integer mode needs a fixed-point export (general "
                    + "network form with fixed_point and quantized weights): run snn4j export --target fixed:BITS"));
        }
        NetworkProto n = model.getNetwork();
        int pops = net.populations().size();
        List<PopulationSpec> out = new ArrayList<>();
        float[][] ones = new float[pops][];
        int[][] channelOf = new int[pops][];
        for (int p = 0; p < pops; p++) {
            PopulationSpec ps = net.population(p);
            LifProto l = n.getPopulations(p).getLif();
            if (ps.isInput()) {
                out.add(ps);
                continue;
            }
            if (!l.hasFixedPoint() || l.getFixedPoint().getDecayShift() == 0) {
                problems.add("population '" + ps.name() + "': no integer mode (fixed_point.decay_shift absent; export "
                        + "with --target fixed:BITS and an accumulator of at most "
                        + FixedLifParameters.MAX_ACCUMULATOR_BITS + " bits)");
                out.add(ps);
                continue;
            }
            var f = l.getFixedPoint();
            FixedLifParameters fp = new FixedLifParameters(f.getAccumulatorBits(), f.getFracBits(), f.getDecayShift(),
                    f.getDecayMem(), ints(f.getDecaySynList()), longs(f.getThresholdStateList()),
                    longs(f.getBiasStateList()));
            out.add(ps.withFixedPoint(fp));
            int nCh = fp.channels();
            ones[p] = new float[nCh];
            java.util.Arrays.fill(ones[p], 1f);
            channelOf[p] = new int[ps.size()];
            int per = Math.max(1, ps.size() / nCh);
            for (int i = 0; i < ps.size(); i++) {
                channelOf[p][i] = Math.min(nCh - 1, i / per);
            }
        }
        int[][] values = new int[net.projections().size()][];
        for (int j = 0; j < values.length; j++) {
            ProjectionProto pr = n.getProjections(j);
            int tgt = net.projection(j).target();
            if (!pr.hasQuantized()) {
                problems.add("projection '" + net.projection(j).name() + "': no quantized weights for integer mode");
            } else if (ones[tgt] != null && pr.getQuantized().getScalesCount() != ones[tgt].length) {
                problems.add("projection '" + net.projection(j).name() + "': quantized has "
                        + pr.getQuantized().getScalesCount() + " scales, its target's fixed_point "
                        + ones[tgt].length);
            } else {
                var q = pr.getQuantized();
                if (q.getBits() == 8) {
                    byte[] b = q.getInt8Values().toByteArray();
                    values[j] = new int[b.length];
                    for (int i = 0; i < b.length; i++) {
                        values[j][i] = b[i];
                    }
                } else {
                    values[j] = ints(q.getValuesList());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(where, problems);
        }
        try {
            NetworkSpec integers = IntegerWeights.substitute(net, values, ones, channelOf);
            return new NetworkSpec(net.name(), net.usPerTick(), net.ticks(), net.seed(), out,
                    integers.projections(), net.input(), net.output());
        } catch (io.snn4j.network.InvalidNetworkException e) {
            throw new InvalidModelException(where, e.problems());
        }
    }

    /** Collects populations, projections and problems while walking a model. */
    private static final class Builder {
        final ModelProto model;
        final List<String> problems = new ArrayList<>();
        final List<PopulationSpec> pops = new ArrayList<>();
        final List<ProjectionSpec> projs = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int input = -1;
        int output = -1;

        Builder(ModelProto model) {
            this.model = model;
        }

        NetworkSpec build(String where) throws InvalidModelException {
            int ticks = model.getTicks() < 0 ? -1 : model.getTicks();
            List<String> all = new ArrayList<>(problems);
            if (!pops.isEmpty()) {
                all.addAll(NetworkSpec.problems(model.getUsPerTick(), ticks, pops, projs,
                        input, output));
            } else if (problems.isEmpty()) {
                all.add("a network needs at least one population");
            }
            if (!all.isEmpty()) {
                throw new InvalidModelException(where, all);
            }
            return new NetworkSpec(model.getName(), model.getUsPerTick(), ticks, model.getSeed(), pops,
                    projs, input, output);
        }

        // ---- general form -------------------------------------------------------------------------------------

        void network(NetworkProto n) {
            for (PopulationProto p : n.getPopulationsList()) {
                population(p);
            }
            for (int j = 0; j < n.getProjectionsCount(); j++) {
                projection(j, n.getProjections(j));
            }
            input = lookup(n.getInput(), "input");
            output = n.getOutput().isEmpty() ? -1 : lookup(n.getOutput(), "output");
        }

        int lookup(String name, String field) {
            Integer i = index.get(name);
            if (i == null) {
                problems.add(field + " '" + name + "' is not a population");
                return -1;
            }
            return i;
        }

        void population(PopulationProto p) {
            String where = "population '" + p.getName() + "'";
            if (p.getName().isEmpty()) {
                problems.add("population " + pops.size() + ": name must not be empty");
            }
            Shape shape = shape(p, where);
            PopulationSpec spec;
            switch (p.getKindCase()) {
                case INPUT -> spec = PopulationSpec.input(nonEmpty(p.getName(), pops.size()), shape);
                case LIF -> spec = PopulationSpec.lif(nonEmpty(p.getName(), pops.size()), shape, lif(p.getLif(),
                        where));
                default -> {
                    problems.add(where + ": kind must be 'input' or 'lif'");
                    spec = PopulationSpec.input(nonEmpty(p.getName(), pops.size()), shape);
                }
            }
            if (p.hasLif() && (p.getLif().getVInitLow() != 0 || p.getLif().getVInitHigh() != 0)) {
                spec = spec.withInitialPotentials(p.getLif().getVInitLow(), p.getLif().getVInitHigh());
            }
            add(spec);
            if (p.hasLif()) {
                revision11(p.getLif(), where);
            }
        }

        /** Rules of the 1.1 fields of a LIF population: continuous time constants agree, fixed point is complete. */
        void revision11(LifProto l, String where) {
            double us = model.getUsPerTick();
            agree(l.getTauMemUs(), l.getTauMem(), us, where, "tau_mem");
            if (l.getTauSynUsCount() > 0 && l.getTauSynUsCount() != l.getTauSynCount()) {
                problems.add(where + ": tau_syn_us must have as many entries as tau_syn (" + l.getTauSynCount()
                        + "), had " + l.getTauSynUsCount());
            } else {
                for (int k = 0; k < l.getTauSynUsCount(); k++) {
                    agree(l.getTauSynUs(k), l.getTauSyn(k), us, where, "tau_syn[" + k + "]");
                }
            }
            agree(l.getRefractoryUs(), l.getRefractoryTicks(), us, where, "refractory");
            if (l.hasFixedPoint()) {
                var f = l.getFixedPoint();
                if (f.getWeightBits() != 8 && f.getWeightBits() != 16) {
                    problems.add(where + ": fixed_point.weight_bits must be 8 or 16, was " + f.getWeightBits());
                }
                if (f.getScalesCount() < 1 || f.getThresholdsCount() != f.getScalesCount()) {
                    problems.add(where + ": fixed_point needs at least one scale and one threshold per scale, had "
                            + f.getScalesCount() + " scales and " + f.getThresholdsCount() + " thresholds");
                }
                checkScales(f.getScalesList(), where + ": fixed_point");
                revision12(l, where);
            }
        }

        /** Rules of the 1.2 integer-mode fields of a population's fixed point (only when decay_shift is set). */
        void revision12(LifProto l, String where) {
            var f = l.getFixedPoint();
            String at = where + ": fixed_point.";
            if (f.getDecayShift() == 0) {
                if (f.getFracBits() != 0 || f.getDecayMem() != 0 || f.getDecaySynCount() > 0
                        || f.getThresholdStateCount() > 0 || f.getBiasStateCount() > 0) {
                    problems.add(where + ": fixed_point has integer-mode fields (frac_bits, decay_mem, decay_syn, "
                            + "threshold_state, bias_state) but no decay_shift; set decay_shift > 0 or drop them");
                }
                return;
            }
            for (String problem : FixedLifParameters.problems(f.getAccumulatorBits(), f.getFracBits(),
                    f.getDecayShift(), f.getDecayMem(), ints(f.getDecaySynList()), longs(f.getThresholdStateList()),
                    longs(f.getBiasStateList()))) {
                problems.add(at + problem);
            }
            if (f.getThresholdStateCount() != f.getScalesCount()) {
                problems.add(at + "threshold_state must have one entry per scale (" + f.getScalesCount()
                        + "), had " + f.getThresholdStateCount());
            }
            if (f.getBiasStateCount() == 0 && l.getBias() != 0) {
                problems.add(at + "bias_state must be given for a population with bias " + l.getBias());
            }
            if (l.getVInitLow() != 0 || l.getVInitHigh() != 0) {
                problems.add(where + ": integer mode (fixed_point.decay_shift " + f.getDecayShift() + ") does not "
                        + "support initial potentials, v_init was [" + l.getVInitLow() + ", " + l.getVInitHigh()
                        + "]");
            }
            if (f.getDecayShift() <= FixedLifParameters.MAX_DECAY_SHIFT) {
                int s = f.getDecayShift();
                if (l.getTauMem() >= 1 && f.getDecayMem() != FixedLifParameters.decayOf(l.getTauMem(), s)) {
                    problems.add(at + "decay_mem must be round(2^" + s + " / tau_mem " + l.getTauMem() + ") = "
                            + FixedLifParameters.decayOf(l.getTauMem(), s) + ", was " + f.getDecayMem());
                }
                if (f.getDecaySynCount() != l.getTauSynCount()) {
                    problems.add(at + "decay_syn must have one entry per tau_syn (" + l.getTauSynCount() + "), had "
                            + f.getDecaySynCount());
                } else {
                    for (int k = 0; k < l.getTauSynCount(); k++) {
                        long d = FixedLifParameters.decayOf(l.getTauSyn(k), s);
                        if (l.getTauSyn(k) >= 1 && Integer.toUnsignedLong(f.getDecaySyn(k)) != d) {
                            problems.add(at + "decay_syn[" + k + "] must be round(2^" + s + " / tau_syn "
                                    + l.getTauSyn(k) + ") = " + d + ", was "
                                    + Integer.toUnsignedLong(f.getDecaySyn(k)));
                        }
                    }
                }
            }
        }

        void agree(double givenUs, double ticks, double usPerTick, String where, String field) {
            if (givenUs == 0) {
                return;
            }
            double expected = ticks * usPerTick;
            if (!(Math.abs(givenUs - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
                problems.add(where + ": " + field + "_us " + givenUs + " disagrees with " + field + " " + ticks
                        + " ticks x us_per_tick " + usPerTick + " = " + expected);
            }
        }

        void checkScales(List<Float> scales, String where) {
            for (int c = 0; c < scales.size(); c++) {
                float s = scales.get(c);
                if (!(s > 0) || !Float.isFinite(s)) {
                    problems.add(where + ": scale " + c + " must be finite and > 0, was " + s);
                    return;
                }
            }
        }

        /** Rules of a projection's 1.1 quantized weights: bits, count matching the float weights, range, scales. */
        void quantized(ProjectionProto p, ProjectionSpec spec, String where) {
            if (!p.hasQuantized()) {
                return;
            }
            var q = p.getQuantized();
            if (q.getBits() != 8 && q.getBits() != 16) {
                problems.add(where + ": quantized.bits must be 8 or 16, was " + q.getBits());
                return;
            }
            int n = q.getBits() == 8 ? q.getInt8Values().size() : q.getValuesCount();
            if ((q.getBits() == 8 && q.getValuesCount() > 0) || (q.getBits() == 16 && !q.getInt8Values().isEmpty())) {
                problems.add(where + ": quantized " + q.getBits() + "-bit values belong in "
                        + (q.getBits() == 8 ? "int8_values" : "values") + " only");
            }
            WeightLayout layout = WeightLayout.of(spec, pops.get(spec.source()), pops.get(spec.target()));
            if (layout == null) {
                problems.add(where + ": quantized weights are not defined for random projections");
                return;
            }
            long expected = layout.valueCount(q.getScalesCount());
            if (n != expected) {
                problems.add(where + ": quantized must have " + expected + " values (as the float weights), had " + n);
            }
            if (q.getScalesCount() < 1) {
                problems.add(where + ": quantized needs at least one scale");
            }
            checkScales(q.getScalesList(), where + ": quantized");
            if (q.getBits() == 16) {
                for (int i = 0; i < q.getValuesCount(); i++) {
                    int v = q.getValues(i);
                    if (v < -32767 || v > 32767) {
                        problems.add(where + ": quantized value " + i + " must be in [-32767, 32767], was " + v);
                        break;
                    }
                }
            }
        }

        static String nonEmpty(String name, int i) {
            return name.isEmpty() ? "#" + i : name;
        }

        void add(PopulationSpec spec) {
            if (index.putIfAbsent(spec.name(), pops.size()) != null) {
                problems.add("population '" + spec.name() + "': name used twice");
            }
            pops.add(spec);
        }

        Shape shape(PopulationProto p, String where) {
            long size = Integer.toUnsignedLong(p.getSize());
            if (p.hasShape()) {
                ShapeProto s = p.getShape();
                long c = Integer.toUnsignedLong(s.getChannels());
                long h = Integer.toUnsignedLong(s.getHeight());
                long w = Integer.toUnsignedLong(s.getWidth());
                // each factor < 2^32, so the product of the first two fits; check before the third
                boolean tooBig = c * h > Integer.MAX_VALUE || c * h * w > Integer.MAX_VALUE;
                long n = tooBig ? Long.MAX_VALUE : c * h * w;
                if (c < 1 || h < 1 || w < 1 || tooBig) {
                    problems.add(where + ": shape must have channels, height, width >= 1 and at most 2^31-1 "
                            + "neurons, was " + c + "x" + h + "x" + w);
                    return Shape.flat(1);
                }
                if (size != 0 && size != n) {
                    problems.add(where + ": size " + size + " differs from shape " + c + "x" + h + "x" + w + " = "
                            + n);
                }
                return new Shape(s.getChannels(), s.getHeight(), s.getWidth());
            }
            if (size < 1 || size > Integer.MAX_VALUE) {
                problems.add(where + ": size must be >= 1 (or give a shape), was " + size);
                return Shape.flat(1);
            }
            return Shape.flat((int) size);
        }

        LifParameters lif(LifProto l, String where) {
            double tauSyn0 = l.getTauSynCount() > 0 ? l.getTauSyn(0) : 0;
            double tauSyn1 = l.getTauSynCount() > 1 ? l.getTauSyn(1) : 0;
            if (l.getTauSynCount() < 1 || l.getTauSynCount() > 2) {
                problems.add(where + ": tau_syn must have one or two entries, had " + l.getTauSynCount());
            }
            return lif(where, l.getTauMem(), tauSyn0, tauSyn1, l.getThreshold(), l.getStrictThreshold(),
                    Integer.toUnsignedLong(l.getRefractoryTicks()), l.getBias());
        }

        LifParameters lif(String where, double tauMem, double tauSyn0, double tauSyn1, double threshold,
                          boolean strict, long refractory, double bias) {
            List<String> bad = LifParameters.problems(tauMem, tauSyn0, tauSyn1, threshold, refractory, bias);
            if (!bad.isEmpty()) {
                for (String s : bad) {
                    problems.add(where + ": " + s);
                }
                // a stand-in keeps indices aligned so that the rest of the file is still checked
                return LifParameters.hm2bp(1);
            }
            return new LifParameters(tauMem, tauSyn0, tauSyn1, threshold, strict, (int) refractory, bias);
        }

        void projection(int j, ProjectionProto p) {
            String name = p.getName().isEmpty() ? "#" + j : p.getName();
            String where = "projection '" + name + "'";
            Integer src = index.get(p.getSource());
            Integer tgt = index.get(p.getTarget());
            if (src == null) {
                problems.add(where + ": source '" + p.getSource() + "' is not a population");
            }
            if (tgt == null) {
                problems.add(where + ": target '" + p.getTarget() + "' is not a population");
            }
            if (src == null || tgt == null) {
                return;
            }
            int delay = p.getDelay() == 0 ? 1 : (int) Math.min(Integer.toUnsignedLong(p.getDelay()), Integer.MAX_VALUE);
            int syn = (int) Math.min(Integer.toUnsignedLong(p.getSynapse()), Integer.MAX_VALUE);
            int nIn = pops.get(src).size();
            int nOut = pops.get(tgt).size();
            ProjectionSpec spec = switch (p.getKindCase()) {
                case DENSE -> {
                    float[] w = weights(p.getDense().getWeightsList(), p.getDense().getInitRange(), (long) nIn * nOut,
                            where, "dense", j);
                    yield w == null ? null : new ProjectionSpec.Dense(name, src, tgt, syn, delay, w);
                }
                case SPARSE -> {
                    var s = p.getSparse();
                    int[] delays = null;
                    int d = delay;
                    if (s.getDelaysCount() > 0) {
                        delays = ints(s.getDelaysList());
                        d = Integer.MAX_VALUE;
                        for (int x : delays) {
                            d = Math.min(d, x);
                        }
                    }
                    yield new ProjectionSpec.Sparse(name, src, tgt, syn, d, ints(s.getPreList()),
                            ints(s.getPostList()), floats(s.getWeightsList()), delays);
                }
                case RANDOM -> {
                    var r = p.getRandom();
                    int delayMax = r.getDelayMax() == 0 ? delay
                            : (int) Math.min(Integer.toUnsignedLong(r.getDelayMax()), Integer.MAX_VALUE);
                    yield new ProjectionSpec.Random(name, src, tgt, syn, delay, r.getP(),
                            r.getSeed() != 0 ? r.getSeed() : mix(model.getSeed(), j), r.getWeight(),
                            r.getWeightSpread(), delayMax, r.getAllowSelf());
                }
                case ONE_TO_ONE -> new ProjectionSpec.OneToOne(name, src, tgt, syn, delay,
                        floats(p.getOneToOne().getWeightsList()));
                case CONV2D -> {
                    var c = p.getConv2D();
                    long count = (long) c.getOutChannels() * c.getInChannels() * c.getKernel() * c.getKernel();
                    float[] w = weights(c.getWeightsList(), c.getInitRange(), count, where, "conv2d", j);
                    yield w == null ? null : new ProjectionSpec.Conv2d(name, src, tgt, syn, delay,
                            c.getInChannels(), c.getOutChannels(), c.getKernel(),
                            c.getStride() == 0 ? 1 : c.getStride(), c.getPadding(), w);
                }
                case POOL -> {
                    var q = p.getPool();
                    yield new ProjectionSpec.Pool(name, src, tgt, syn, delay, q.getKernel(),
                            q.getStride() == 0 ? q.getKernel() : q.getStride(), q.getWeight() == 0 ? 1f
                            : q.getWeight());
                }
                case LATERAL_INHIBITION -> new ProjectionSpec.LateralInhibition(name, src, tgt, syn, delay,
                        p.getLateralInhibition().getStrength());
                default -> {
                    problems.add(where + ": kind must be one of dense, sparse, random, one_to_one, conv2d, pool, "
                            + "lateral_inhibition");
                    yield null;
                }
            };
            if (spec != null) {
                quantized(p, spec, where);
                projs.add(spec);
            }
        }

        /** Given weights, or weights drawn uniform in [-range, range] when none are given and range > 0. */
        float[] weights(List<Float> given, float initRange, long expected, String where, String kind, int j) {
            if (!given.isEmpty()) {
                return floats(given);
            }
            if (!(initRange > 0) || !Float.isFinite(initRange)) {
                problems.add(where + ": " + kind + " needs weights or an init_range > 0, had neither");
                return null;
            }
            if (expected > MAX_INIT_WEIGHTS || expected > Runtime.getRuntime().maxMemory() / 8) {
                problems.add(where + ": " + kind + " would draw " + expected + " weights ("
                        + (expected >> 18) + " MB), more than this JVM can hold");
                return null;
            }
            SplittableRandom rng = new SplittableRandom(mix(model.getSeed(), j));
            float[] w = new float[(int) expected];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (initRange * (2 * rng.nextDouble() - 1));
            }
            return w;
        }

        // ---- compact feed-forward form -----------------------------------------------------------------------

        void feedForward(FeedForwardProto f) {
            ShapeProto in = f.getInput();
            long inSize = (long) in.getChannels() * in.getHeight() * in.getWidth();
            if (in.getChannels() < 1 || in.getHeight() < 1 || in.getWidth() < 1 || inSize > Integer.MAX_VALUE) {
                problems.add("feed_forward.input: shape must have channels, height, width >= 1, was "
                        + in.getChannels() + "x" + in.getHeight() + "x" + in.getWidth());
                return;
            }
            add(PopulationSpec.input("input", new Shape(in.getChannels(), in.getHeight(), in.getWidth())));
            input = 0;
            if (f.getLayersCount() == 0) {
                problems.add("feed_forward: needs at least one layer");
                return;
            }
            for (int l = 0; l < f.getLayersCount(); l++) {
                if (!layer(f, l)) {
                    return;
                }
            }
            output = pops.size() - 1;
            if (f.getOutputLateralInhibition() != 0) {
                projs.add(new ProjectionSpec.LateralInhibition(pops.get(output).name() + "-lateral", output, output,
                        0, 1, f.getOutputLateralInhibition()));
            }
        }

        /** Adds layer l; returns false when its shape cannot be determined (later layers are then not checked). */
        boolean layer(FeedForwardProto f, int l) {
            LayerProto layer = f.getLayers(l);
            String name = layer.getName().isEmpty() ? "layer" + l : layer.getName();
            String where = "layer '" + name + "'";
            int prev = pops.size() - 1;
            Shape ps = pops.get(prev).shape();
            double tauMem = layer.getTauMem() != 0 ? layer.getTauMem() : f.getTauMem() != 0 ? f.getTauMem() : 64;
            double tauSyn = layer.getTauSyn() != 0 ? layer.getTauSyn() : f.getTauSyn() != 0 ? f.getTauSyn() : 8;
            long refractory = Integer.toUnsignedLong(layer.getRefractoryTicks() != 0 ? layer.getRefractoryTicks()
                    : f.getRefractoryTicks());
            int me = pops.size();
            int j = projs.size();
            String projName = pops.get(prev).name() + "->" + name;
            switch (layer.getKindCase()) {
                case DENSE -> {
                    long size = Integer.toUnsignedLong(layer.getDense().getSize());
                    if (size < 1 || size > Integer.MAX_VALUE) {
                        problems.add(where + ": dense size must be >= 1, was " + size);
                        return false;
                    }
                    add(PopulationSpec.lif(name, Shape.flat((int) size), lif(where, tauMem, tauSyn, 0,
                            layer.getThreshold(), false, refractory, 0)));
                    float[] w = weights(layer.getDense().getWeightsList(), layer.getDense().getInitRange(),
                            size * ps.size(), where, "dense", j);
                    if (w != null) {
                        projs.add(new ProjectionSpec.Dense(projName, prev, me, 0, 1, w));
                    }
                }
                case CONV2D -> {
                    Conv2dLayerProto c = layer.getConv2D();
                    int stride = c.getStride() == 0 ? 1 : c.getStride();
                    long oh = Math.floorDiv((long) ps.height() + 2L * c.getPadding() - c.getKernel(), stride) + 1;
                    long ow = Math.floorDiv((long) ps.width() + 2L * c.getPadding() - c.getKernel(), stride) + 1;
                    if (c.getChannels() < 1 || c.getKernel() < 1 || oh < 1 || ow < 1
                            || (long) c.getChannels() * oh * ow > Integer.MAX_VALUE) {
                        problems.add(where + ": conv2d with " + c.getChannels() + " channels, kernel "
                                + c.getKernel() + ", stride " + stride + ", padding " + c.getPadding()
                                + " gives no valid output from input shape " + ps);
                        return false;
                    }
                    add(PopulationSpec.lif(name, new Shape(c.getChannels(), (int) oh, (int) ow), lif(where, tauMem,
                            tauSyn, 0, layer.getThreshold(), true, refractory, 0)));
                    long count = (long) c.getChannels() * ps.channels() * c.getKernel() * c.getKernel();
                    float[] w = weights(c.getWeightsList(), c.getInitRange(), count, where, "conv2d", j);
                    if (w != null) {
                        projs.add(new ProjectionSpec.Conv2d(projName, prev, me, 0, 1, ps.channels(), c.getChannels(),
                                c.getKernel(), stride, c.getPadding(), w));
                    }
                }
                case POOL -> {
                    int k = layer.getPool().getKernel();
                    int stride = layer.getPool().getStride() == 0 ? k : layer.getPool().getStride();
                    if (k < 1 || stride < 1 || k > ps.height() || k > ps.width()) {
                        problems.add(where + ": pool kernel " + k + " and stride " + stride
                                + " do not fit input shape " + ps);
                        return false;
                    }
                    Shape out = new Shape(ps.channels(), (ps.height() - k) / stride + 1, (ps.width() - k) / stride + 1);
                    add(PopulationSpec.lif(name, out, lif(where, tauMem, tauSyn, 0, layer.getThreshold(), false,
                            refractory, 0)));
                    projs.add(new ProjectionSpec.Pool(projName, prev, me, 0, 1, k, stride, 1f));
                }
                default -> {
                    problems.add(where + ": kind must be dense, conv2d or pool");
                    return false;
                }
            }
            return true;
        }
    }

    static long mix(long seed, int j) {
        long z = seed + 0x9E3779B97F4A7C15L * (j + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    static long[] longs(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    public static float[] floats(List<Float> list) {
        float[] a = new float[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
