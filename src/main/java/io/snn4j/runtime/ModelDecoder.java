package io.snn4j.runtime;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the bytes of a binary {@code snn4j.v1.ModelProto} by field number ({@link Schema}) into plain records
 * ({@link Raw}), with protobuf-java's wire-level reader only: no generated classes. Checks as it reads: wire types,
 * lengths against the bytes that remain (so no array is sized from a length field before it is known to fit), the
 * major format version, and truncated or corrupt input, each reported with the byte offset and the field's path
 * ({@code network.projections[2].dense.weights}). Unknown fields are skipped, as protobuf readers do. Proto3 merge
 * rules hold: a repeated scalar field may come packed or not, a singular message given twice is merged, the last
 * member of a oneof wins.
 *
 * <p>Not thread-safe; one decoder per model.
 */
final class ModelDecoder {
    /** Newest major format version this runtime reads. */
    static final int FORMAT_VERSION = 1;

    private final CodedInputStream in;
    private final int total;
    private final String where;

    private ModelDecoder(byte[] bytes, String where) {
        this.in = CodedInputStream.newInstance(bytes);
        this.in.setRecursionLimit(16);
        this.total = bytes.length;
        this.where = where;
    }

    /** Decodes a model. */
    static Raw.Model decode(byte[] bytes, String where) throws ModelFormatException {
        ModelDecoder d = new ModelDecoder(bytes, where);
        try {
            Raw.Model m = d.model();
            if (m.formatVersion > FORMAT_VERSION) {
                throw new ModelFormatException.UnsupportedVersion(where, m.formatVersion, FORMAT_VERSION);
            }
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw d.bad("", "not a valid binary snn4j model (truncated or corrupt protobuf): " + e.getMessage());
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw d.bad("", "cannot read: " + e.getMessage());
        }
    }

    ModelFormatException bad(String field, String problem) {
        return new ModelFormatException(where, "byte " + in.getTotalBytesRead() + ": "
                + (field.isEmpty() ? "" : field + ": ") + problem);
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    private Raw.Model model() throws IOException {
        Raw.Model m = new Raw.Model();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.ModelProto.FORMAT_VERSION -> m.formatVersion = u32(tag, "format_version");
                case Schema.ModelProto.NAME -> m.name = string(tag, "name");
                case Schema.ModelProto.US_PER_TICK -> m.usPerTick = f64(tag, "us_per_tick");
                case Schema.ModelProto.TICKS -> m.ticks = u32(tag, "ticks");
                case Schema.ModelProto.SEED -> m.seed = u64(tag, "seed");
                case Schema.ModelProto.NETWORK -> {
                    if (m.network == null) {
                        m.network = new Raw.Network();
                    }
                    m.feedForward = null;
                    int old = begin(tag, "network");
                    network(m.network);
                    end(old);
                }
                case Schema.ModelProto.FEED_FORWARD -> {
                    if (m.feedForward == null) {
                        m.feedForward = new Raw.FeedForward();
                    }
                    m.network = null;
                    int old = begin(tag, "feed_forward");
                    feedForward(m.feedForward);
                    end(old);
                }
                default -> skip(tag);
            }
        }
        return m;
    }

    private void network(Raw.Network n) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.NetworkProto.POPULATIONS -> {
                    String f = "network.populations[" + n.populations.size() + "]";
                    Raw.Population p = new Raw.Population();
                    int old = begin(tag, f);
                    population(p, f);
                    end(old);
                    n.populations.add(p);
                }
                case Schema.NetworkProto.PROJECTIONS -> {
                    String f = "network.projections[" + n.projections.size() + "]";
                    Raw.Projection p = new Raw.Projection();
                    int old = begin(tag, f);
                    projection(p, f);
                    end(old);
                    n.projections.add(p);
                }
                case Schema.NetworkProto.INPUT -> n.input = string(tag, "network.input");
                case Schema.NetworkProto.OUTPUT -> n.output = string(tag, "network.output");
                default -> skip(tag);
            }
        }
    }

    private void shape(Raw.Shape s, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.ShapeProto.CHANNELS -> s.channels = u32(tag, f + ".channels");
                case Schema.ShapeProto.HEIGHT -> s.height = u32(tag, f + ".height");
                case Schema.ShapeProto.WIDTH -> s.width = u32(tag, f + ".width");
                default -> skip(tag);
            }
        }
    }

    private void population(Raw.Population p, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.PopulationProto.NAME -> p.name = string(tag, f + ".name");
                case Schema.PopulationProto.SIZE -> p.size = u32(tag, f + ".size");
                case Schema.PopulationProto.SHAPE -> {
                    if (p.shape == null) {
                        p.shape = new Raw.Shape();
                    }
                    int old = begin(tag, f + ".shape");
                    shape(p.shape, f + ".shape");
                    end(old);
                }
                case Schema.PopulationProto.INPUT -> {
                    p.kind = Raw.Population.INPUT;
                    p.lif = null;
                    int old = begin(tag, f + ".input");
                    while ((tag = in.readTag()) != 0) {
                        skip(tag);
                    }
                    end(old);
                }
                case Schema.PopulationProto.LIF -> {
                    if (p.kind != Raw.Population.LIF) {
                        p.lif = new Raw.Lif();
                    }
                    p.kind = Raw.Population.LIF;
                    int old = begin(tag, f + ".lif");
                    lif(p.lif, f + ".lif");
                    end(old);
                }
                default -> skip(tag);
            }
        }
    }

    private void lif(Raw.Lif l, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.LifProto.TAU_MEM -> l.tauMem = f64(tag, f + ".tau_mem");
                case Schema.LifProto.TAU_SYN -> doubles(tag, l.tauSyn, f + ".tau_syn");
                case Schema.LifProto.THRESHOLD -> l.threshold = f64(tag, f + ".threshold");
                case Schema.LifProto.STRICT_THRESHOLD -> l.strict = bool(tag, f + ".strict_threshold");
                case Schema.LifProto.REFRACTORY_TICKS -> l.refractory = u32(tag, f + ".refractory_ticks");
                case Schema.LifProto.BIAS -> l.bias = f64(tag, f + ".bias");
                case Schema.LifProto.V_INIT_LOW -> l.vInitLow = f64(tag, f + ".v_init_low");
                case Schema.LifProto.V_INIT_HIGH -> l.vInitHigh = f64(tag, f + ".v_init_high");
                case Schema.LifProto.FIXED_POINT -> {
                    if (l.fixedPoint == null) {
                        l.fixedPoint = new Raw.FixedPoint();
                    }
                    int old = begin(tag, f + ".fixed_point");
                    fixedPoint(l.fixedPoint, f + ".fixed_point");
                    end(old);
                }
                default -> skip(tag);
            }
        }
    }

    private void fixedPoint(Raw.FixedPoint x, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.FixedPointProto.WEIGHT_BITS -> x.weightBits = u32(tag, f + ".weight_bits");
                case Schema.FixedPointProto.ACCUMULATOR_BITS -> x.accumulatorBits = u32(tag, f + ".accumulator_bits");
                case Schema.FixedPointProto.SCALES -> floats(tag, x.scales, f + ".scales");
                case Schema.FixedPointProto.FRAC_BITS -> x.fracBits = u32(tag, f + ".frac_bits");
                case Schema.FixedPointProto.DECAY_SHIFT -> x.decayShift = u32(tag, f + ".decay_shift");
                case Schema.FixedPointProto.DECAY_MEM -> x.decayMem = u32(tag, f + ".decay_mem");
                case Schema.FixedPointProto.DECAY_SYN -> varints(tag, x.decaySyn, false, f + ".decay_syn");
                case Schema.FixedPointProto.THRESHOLD_STATE -> varints(tag, x.thresholdState, true,
                        f + ".threshold_state");
                case Schema.FixedPointProto.BIAS_STATE -> varints(tag, x.biasState, true, f + ".bias_state");
                default -> skip(tag);
            }
        }
    }

    private void projection(Raw.Projection p, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case Schema.ProjectionProto.NAME -> p.name = string(tag, f + ".name");
                case Schema.ProjectionProto.SOURCE -> p.source = string(tag, f + ".source");
                case Schema.ProjectionProto.TARGET -> p.target = string(tag, f + ".target");
                case Schema.ProjectionProto.SYNAPSE -> p.synapse = u32(tag, f + ".synapse");
                case Schema.ProjectionProto.DELAY -> p.delay = u32(tag, f + ".delay");
                case Schema.ProjectionProto.DENSE, Schema.ProjectionProto.SPARSE, Schema.ProjectionProto.RANDOM,
                        Schema.ProjectionProto.ONE_TO_ONE, Schema.ProjectionProto.CONV2D, Schema.ProjectionProto.POOL,
                        Schema.ProjectionProto.LATERAL_INHIBITION -> {
                    if (p.kind != field) {
                        p.resetKind(field);
                    }
                    String g = f + "." + Raw.Projection.kindName(field);
                    int old = begin(tag, g);
                    projectionKind(p, g);
                    end(old);
                }
                case Schema.ProjectionProto.QUANTIZED -> {
                    if (p.quantized == null) {
                        p.quantized = new Raw.Quantized();
                    }
                    int old = begin(tag, f + ".quantized");
                    quantized(p.quantized, f + ".quantized");
                    end(old);
                }
                default -> skip(tag);
            }
        }
    }

    /** The fields of the kind message {@code p.kind}. */
    private void projectionKind(Raw.Projection p, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int n = WireFormat.getTagFieldNumber(tag);
            switch (p.kind) {
                case Schema.ProjectionProto.DENSE -> {
                    switch (n) {
                        case Schema.DenseProto.WEIGHTS -> floats(tag, p.weights, f + ".weights");
                        case Schema.DenseProto.INIT_RANGE -> p.initRange = f32(tag, f + ".init_range");
                        default -> skip(tag);
                    }
                }
                case Schema.ProjectionProto.SPARSE -> {
                    switch (n) {
                        case Schema.SparseProto.PRE -> varints(tag, p.pre, false, f + ".pre");
                        case Schema.SparseProto.POST -> varints(tag, p.post, false, f + ".post");
                        case Schema.SparseProto.WEIGHTS -> floats(tag, p.weights, f + ".weights");
                        case Schema.SparseProto.DELAYS -> varints(tag, p.delays, false, f + ".delays");
                        default -> skip(tag);
                    }
                }
                case Schema.ProjectionProto.RANDOM -> {
                    switch (n) {
                        case Schema.RandomProto.P -> p.p = f64(tag, f + ".p");
                        case Schema.RandomProto.SEED -> p.seed = u64(tag, f + ".seed");
                        case Schema.RandomProto.WEIGHT -> p.weight = f32(tag, f + ".weight");
                        case Schema.RandomProto.WEIGHT_SPREAD -> p.weightSpread = f32(tag, f + ".weight_spread");
                        case Schema.RandomProto.DELAY_MAX -> p.delayMax = u32(tag, f + ".delay_max");
                        case Schema.RandomProto.ALLOW_SELF -> p.allowSelf = bool(tag, f + ".allow_self");
                        default -> skip(tag);
                    }
                }
                case Schema.ProjectionProto.ONE_TO_ONE -> {
                    if (n == Schema.OneToOneProto.WEIGHTS) {
                        floats(tag, p.weights, f + ".weights");
                    } else {
                        skip(tag);
                    }
                }
                case Schema.ProjectionProto.CONV2D -> {
                    switch (n) {
                        case Schema.Conv2dProto.IN_CHANNELS -> p.inChannels = u32(tag, f + ".in_channels");
                        case Schema.Conv2dProto.OUT_CHANNELS -> p.outChannels = u32(tag, f + ".out_channels");
                        case Schema.Conv2dProto.KERNEL -> p.kernel = u32(tag, f + ".kernel");
                        case Schema.Conv2dProto.STRIDE -> p.stride = u32(tag, f + ".stride");
                        case Schema.Conv2dProto.PADDING -> p.padding = u32(tag, f + ".padding");
                        case Schema.Conv2dProto.WEIGHTS -> floats(tag, p.weights, f + ".weights");
                        case Schema.Conv2dProto.INIT_RANGE -> p.initRange = f32(tag, f + ".init_range");
                        default -> skip(tag);
                    }
                }
                case Schema.ProjectionProto.POOL -> {
                    switch (n) {
                        case Schema.PoolProto.KERNEL -> p.kernel = u32(tag, f + ".kernel");
                        case Schema.PoolProto.STRIDE -> p.stride = u32(tag, f + ".stride");
                        case Schema.PoolProto.WEIGHT -> p.weight = f32(tag, f + ".weight");
                        default -> skip(tag);
                    }
                }
                case Schema.ProjectionProto.LATERAL_INHIBITION -> {
                    if (n == Schema.LateralInhibitionProto.STRENGTH) {
                        p.weight = f32(tag, f + ".strength");
                    } else {
                        skip(tag);
                    }
                }
                default -> throw new AssertionError(p.kind);
            }
        }
    }

    private void quantized(Raw.Quantized q, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.QuantizedWeightsProto.BITS -> q.bits = u32(tag, f + ".bits");
                case Schema.QuantizedWeightsProto.INT8_VALUES -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, f + ".int8_values");
                    int len = length(f + ".int8_values");
                    q.int8Values = in.readRawBytes(len);
                }
                case Schema.QuantizedWeightsProto.VALUES -> varints(tag, q.values, true, f + ".values");
                case Schema.QuantizedWeightsProto.SCALES -> floats(tag, q.scales, f + ".scales");
                case Schema.QuantizedWeightsProto.PER_OUTPUT_CHANNEL -> q.perOutputChannel = bool(tag,
                        f + ".per_output_channel");
                default -> skip(tag);
            }
        }
    }

    private void feedForward(Raw.FeedForward x) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case Schema.FeedForwardProto.INPUT -> {
                    int old = begin(tag, "feed_forward.input");
                    shape(x.input, "feed_forward.input");
                    end(old);
                }
                case Schema.FeedForwardProto.TAU_MEM -> x.tauMem = f64(tag, "feed_forward.tau_mem");
                case Schema.FeedForwardProto.TAU_SYN -> x.tauSyn = f64(tag, "feed_forward.tau_syn");
                case Schema.FeedForwardProto.REFRACTORY_TICKS -> x.refractory = u32(tag,
                        "feed_forward.refractory_ticks");
                case Schema.FeedForwardProto.LAYERS -> {
                    String f = "feed_forward.layers[" + x.layers.size() + "]";
                    Raw.Layer l = new Raw.Layer();
                    int old = begin(tag, f);
                    layer(l, f);
                    end(old);
                    x.layers.add(l);
                }
                case Schema.FeedForwardProto.OUTPUT_LATERAL_INHIBITION -> x.outputLateralInhibition = f32(tag,
                        "feed_forward.output_lateral_inhibition");
                default -> skip(tag);
            }
        }
    }

    private void layer(Raw.Layer l, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case Schema.LayerProto.NAME -> l.name = string(tag, f + ".name");
                case Schema.LayerProto.THRESHOLD -> l.threshold = f64(tag, f + ".threshold");
                case Schema.LayerProto.TAU_MEM -> l.tauMem = f64(tag, f + ".tau_mem");
                case Schema.LayerProto.TAU_SYN -> l.tauSyn = f64(tag, f + ".tau_syn");
                case Schema.LayerProto.REFRACTORY_TICKS -> l.refractory = u32(tag, f + ".refractory_ticks");
                case Schema.LayerProto.DENSE, Schema.LayerProto.CONV2D, Schema.LayerProto.POOL -> {
                    if (l.kind != field) {
                        l.resetKind(field);
                    }
                    String g = f + "." + Raw.Layer.kindName(field);
                    int old = begin(tag, g);
                    layerKind(l, g);
                    end(old);
                }
                default -> skip(tag);
            }
        }
    }

    private void layerKind(Raw.Layer l, String f) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int n = WireFormat.getTagFieldNumber(tag);
            switch (l.kind) {
                case Schema.LayerProto.DENSE -> {
                    switch (n) {
                        case Schema.DenseLayerProto.SIZE -> l.size = u32(tag, f + ".size");
                        case Schema.DenseLayerProto.WEIGHTS -> floats(tag, l.weights, f + ".weights");
                        case Schema.DenseLayerProto.INIT_RANGE -> l.initRange = f32(tag, f + ".init_range");
                        default -> skip(tag);
                    }
                }
                case Schema.LayerProto.CONV2D -> {
                    switch (n) {
                        case Schema.Conv2dLayerProto.CHANNELS -> l.size = u32(tag, f + ".channels");
                        case Schema.Conv2dLayerProto.KERNEL -> l.kernel = u32(tag, f + ".kernel");
                        case Schema.Conv2dLayerProto.STRIDE -> l.stride = u32(tag, f + ".stride");
                        case Schema.Conv2dLayerProto.PADDING -> l.padding = u32(tag, f + ".padding");
                        case Schema.Conv2dLayerProto.WEIGHTS -> floats(tag, l.weights, f + ".weights");
                        case Schema.Conv2dLayerProto.INIT_RANGE -> l.initRange = f32(tag, f + ".init_range");
                        default -> skip(tag);
                    }
                }
                case Schema.LayerProto.POOL -> {
                    switch (n) {
                        case Schema.PoolLayerProto.KERNEL -> l.kernel = u32(tag, f + ".kernel");
                        case Schema.PoolLayerProto.STRIDE -> l.stride = u32(tag, f + ".stride");
                        default -> skip(tag);
                    }
                }
                default -> throw new AssertionError(l.kind);
            }
        }
    }

    // ---- wire helpers ------------------------------------------------------------------------------------------

    /** Bytes left in the current message (or the whole input). */
    private int remaining() {
        int rest = total - in.getTotalBytesRead();
        int limit = in.getBytesUntilLimit();
        return limit < 0 ? rest : Math.min(limit, rest);
    }

    private void expect(int tag, int wireType, String field) throws ModelFormatException {
        int got = WireFormat.getTagWireType(tag);
        if (got != wireType) {
            throw bad(field, "wire type " + got + " does not match the schema's " + wireType);
        }
    }

    /** Reads a length prefix and checks it against the bytes that remain. */
    private int length(String field) throws IOException {
        int len = in.readRawVarint32();
        if (len < 0 || len > remaining()) {
            int rest = total - in.getTotalBytesRead();
            int limit = in.getBytesUntilLimit();
            throw bad(field, "length " + Integer.toUnsignedLong(len) + " runs past the end of the "
                    + (limit < 0 || limit >= rest ? "input" : "enclosing message") + " (" + remaining()
                    + " bytes left): truncated or corrupt");
        }
        return len;
    }

    private int begin(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int len = length(field);
        in.checkRecursionLimit();
        return in.pushLimit(len);
    }

    private void end(int oldLimit) {
        in.popLimit(oldLimit);
    }

    private void skip(int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipRawBytes(length("field " + WireFormat.getTagFieldNumber(tag)));
        } else if (!in.skipField(tag)) {
            throw bad("", "unexpected end-group tag of field " + WireFormat.getTagFieldNumber(tag));
        }
    }

    private long u32(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_VARINT, field);
        return Integer.toUnsignedLong(in.readUInt32());
    }

    private long u64(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_VARINT, field);
        return in.readUInt64();
    }

    private boolean bool(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_VARINT, field);
        return in.readBool();
    }

    private double f64(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_FIXED64, field);
        return in.readDouble();
    }

    private float f32(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_FIXED32, field);
        return in.readFloat();
    }

    private String string(int tag, String field) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int len = length(field);
        return new String(in.readRawBytes(len), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A repeated float, packed or not. */
    private void floats(int tag, Raw.Floats out, String field) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED32) {
            out.add(in.readFloat());
            return;
        }
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int len = length(field);
        if (len % 4 != 0) {
            throw bad(field, "packed floats take " + len + " bytes, not a multiple of 4: corrupt");
        }
        out.ensure(len / 4);
        for (int k = len / 4; k > 0; k--) {
            out.add(in.readFloat());
        }
    }

    /** A repeated double, packed or not. */
    private void doubles(int tag, Raw.Doubles out, String field) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED64) {
            out.add(in.readDouble());
            return;
        }
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int len = length(field);
        if (len % 8 != 0) {
            throw bad(field, "packed doubles take " + len + " bytes, not a multiple of 8: corrupt");
        }
        for (int k = len / 8; k > 0; k--) {
            out.add(in.readDouble());
        }
    }

    /** A repeated uint32 ({@code zigzag} false) or sint32/sint64 ({@code zigzag} true), packed or not. */
    private void varints(int tag, Raw.Longs out, boolean zigzag, String field) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
            out.add(zigzag ? in.readSInt64() : Integer.toUnsignedLong(in.readUInt32()));
            return;
        }
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int len = length(field);
        int old = in.pushLimit(len);
        while (in.getBytesUntilLimit() > 0) {
            out.add(zigzag ? in.readSInt64() : Integer.toUnsignedLong(in.readUInt32()));
        }
        in.popLimit(old);
    }

    /** The decoded fields, with proto3 defaults (0, empty) for absent ones. */
    static final class Raw {
        private Raw() {
        }

        static final class Model {
            long formatVersion;
            String name = "";
            double usPerTick;
            long ticks;
            long seed;
            Network network;
            FeedForward feedForward;
        }

        static final class Network {
            final List<Population> populations = new ArrayList<>();
            final List<Projection> projections = new ArrayList<>();
            String input = "";
            String output = "";
        }

        static final class Shape {
            long channels;
            long height;
            long width;
        }

        static final class Population {
            static final int INPUT = 1;
            static final int LIF = 2;
            String name = "";
            long size;
            Shape shape;
            int kind;
            Lif lif;
        }

        static final class Lif {
            double tauMem;
            final Doubles tauSyn = new Doubles();
            double threshold;
            boolean strict;
            long refractory;
            double bias;
            double vInitLow;
            double vInitHigh;
            FixedPoint fixedPoint;
        }

        static final class FixedPoint {
            long weightBits;
            long accumulatorBits;
            final Floats scales = new Floats();
            long fracBits;
            long decayShift;
            long decayMem;
            final Longs decaySyn = new Longs();
            final Longs thresholdState = new Longs();
            final Longs biasState = new Longs();
        }

        static final class Projection {
            String name = "";
            String source = "";
            String target = "";
            long synapse;
            long delay;
            /** The kind's field number in ProjectionProto, 0 when absent. */
            int kind;
            Floats weights = new Floats();
            float initRange;
            Longs pre = new Longs();
            Longs post = new Longs();
            Longs delays = new Longs();
            double p;
            long seed;
            /** Random weight, pool weight, or lateral inhibition strength. */
            float weight;
            float weightSpread;
            long delayMax;
            boolean allowSelf;
            long inChannels;
            long outChannels;
            long kernel;
            long stride;
            long padding;
            Quantized quantized;

            void resetKind(int kind) {
                this.kind = kind;
                weights = new Floats();
                pre = new Longs();
                post = new Longs();
                delays = new Longs();
                initRange = weight = weightSpread = 0f;
                p = 0;
                seed = delayMax = inChannels = outChannels = kernel = stride = padding = 0;
                allowSelf = false;
            }

            static String kindName(int kind) {
                return switch (kind) {
                    case Schema.ProjectionProto.DENSE -> "dense";
                    case Schema.ProjectionProto.SPARSE -> "sparse";
                    case Schema.ProjectionProto.RANDOM -> "random";
                    case Schema.ProjectionProto.ONE_TO_ONE -> "one_to_one";
                    case Schema.ProjectionProto.CONV2D -> "conv2d";
                    case Schema.ProjectionProto.POOL -> "pool";
                    case Schema.ProjectionProto.LATERAL_INHIBITION -> "lateral_inhibition";
                    default -> "kind " + kind;
                };
            }
        }

        static final class Quantized {
            long bits;
            byte[] int8Values;
            final Longs values = new Longs();
            final Floats scales = new Floats();
            boolean perOutputChannel;
        }

        static final class FeedForward {
            final Shape input = new Shape();
            double tauMem;
            double tauSyn;
            long refractory;
            final List<Layer> layers = new ArrayList<>();
            float outputLateralInhibition;
        }

        static final class Layer {
            String name = "";
            double threshold;
            double tauMem;
            double tauSyn;
            long refractory;
            int kind;
            /** Dense size or conv2d channels. */
            long size;
            Floats weights = new Floats();
            float initRange;
            long kernel;
            long stride;
            long padding;

            void resetKind(int kind) {
                this.kind = kind;
                size = kernel = stride = padding = 0;
                weights = new Floats();
                initRange = 0f;
            }

            static String kindName(int kind) {
                return switch (kind) {
                    case Schema.LayerProto.DENSE -> "dense";
                    case Schema.LayerProto.CONV2D -> "conv2d";
                    case Schema.LayerProto.POOL -> "pool";
                    default -> "kind " + kind;
                };
            }
        }

        /** A growable float array. */
        static final class Floats {
            float[] a = new float[0];
            int n;

            void ensure(int more) {
                long need = (long) n + more;
                if (need > a.length) {
                    long grown = Math.min(2L * a.length, Integer.MAX_VALUE - 16);
                    a = Arrays.copyOf(a, (int) Math.max(need, grown));
                }
            }

            void add(float x) {
                if (n == a.length) {
                    ensure(Math.max(8, n));
                }
                a[n++] = x;
            }

            float[] toArray() {
                return n == a.length ? a : Arrays.copyOf(a, n);
            }
        }

        /** A growable double array. */
        static final class Doubles {
            double[] a = new double[2];
            int n;

            void add(double x) {
                if (n == a.length) {
                    a = Arrays.copyOf(a, 2 * n);
                }
                a[n++] = x;
            }
        }

        /** A growable long array. */
        static final class Longs {
            long[] a = new long[0];
            int n;

            void add(long x) {
                if (n == a.length) {
                    a = Arrays.copyOf(a, Math.max(8, 2 * n));
                }
                a[n++] = x;
            }
        }
    }
}
