package io.snn4j.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field numbers of {@code proto/snn4j/v1/model.proto} the runtime's decoder reads, one nested class per message,
 * one constant per field named as the field in upper case and annotated with its protobuf type. A test checks every
 * (message, name, number, type) against the descriptors of the generated classes, so the decoder cannot drift from
 * the schema. Fields not listed here are skipped (provenance, encodings, the informational 1.1 {@code *_us} times).
 */
final class Schema {
    private Schema() {
    }

    /** Protobuf type of a field; {@code repeated} for repeated fields. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Type {
        String value();

        boolean repeated() default false;
    }

    static final class ModelProto {
        @Type("uint32") static final int FORMAT_VERSION = 1;
        @Type("string") static final int NAME = 6;
        @Type("double") static final int US_PER_TICK = 7;
        @Type("uint32") static final int TICKS = 8;
        @Type("uint64") static final int SEED = 9;
        @Type("NetworkProto") static final int NETWORK = 10;
        @Type("FeedForwardProto") static final int FEED_FORWARD = 11;
    }

    static final class NetworkProto {
        @Type(value = "PopulationProto", repeated = true) static final int POPULATIONS = 1;
        @Type(value = "ProjectionProto", repeated = true) static final int PROJECTIONS = 2;
        @Type("string") static final int INPUT = 3;
        @Type("string") static final int OUTPUT = 4;
    }

    static final class ShapeProto {
        @Type("uint32") static final int CHANNELS = 1;
        @Type("uint32") static final int HEIGHT = 2;
        @Type("uint32") static final int WIDTH = 3;
    }

    static final class PopulationProto {
        @Type("string") static final int NAME = 1;
        @Type("uint32") static final int SIZE = 2;
        @Type("ShapeProto") static final int SHAPE = 3;
        @Type("InputProto") static final int INPUT = 4;
        @Type("LifProto") static final int LIF = 5;
    }

    static final class LifProto {
        @Type("double") static final int TAU_MEM = 1;
        @Type(value = "double", repeated = true) static final int TAU_SYN = 2;
        @Type("double") static final int THRESHOLD = 3;
        @Type("bool") static final int STRICT_THRESHOLD = 4;
        @Type("uint32") static final int REFRACTORY_TICKS = 5;
        @Type("double") static final int BIAS = 6;
        @Type("double") static final int V_INIT_LOW = 7;
        @Type("double") static final int V_INIT_HIGH = 8;
        @Type("FixedPointProto") static final int FIXED_POINT = 12;
    }

    static final class FixedPointProto {
        @Type("uint32") static final int WEIGHT_BITS = 1;
        @Type("uint32") static final int ACCUMULATOR_BITS = 2;
        @Type(value = "float", repeated = true) static final int SCALES = 3;
        @Type("uint32") static final int FRAC_BITS = 6;
        @Type("uint32") static final int DECAY_SHIFT = 7;
        @Type("uint32") static final int DECAY_MEM = 8;
        @Type(value = "uint32", repeated = true) static final int DECAY_SYN = 9;
        @Type(value = "sint64", repeated = true) static final int THRESHOLD_STATE = 10;
        @Type(value = "sint64", repeated = true) static final int BIAS_STATE = 11;
    }

    static final class ProjectionProto {
        @Type("string") static final int NAME = 1;
        @Type("string") static final int SOURCE = 2;
        @Type("string") static final int TARGET = 3;
        @Type("uint32") static final int SYNAPSE = 4;
        @Type("uint32") static final int DELAY = 5;
        @Type("DenseProto") static final int DENSE = 10;
        @Type("SparseProto") static final int SPARSE = 11;
        @Type("RandomProto") static final int RANDOM = 12;
        @Type("OneToOneProto") static final int ONE_TO_ONE = 13;
        @Type("Conv2dProto") static final int CONV2D = 14;
        @Type("PoolProto") static final int POOL = 15;
        @Type("LateralInhibitionProto") static final int LATERAL_INHIBITION = 16;
        @Type("QuantizedWeightsProto") static final int QUANTIZED = 20;
    }

    static final class DenseProto {
        @Type(value = "float", repeated = true) static final int WEIGHTS = 1;
        @Type("float") static final int INIT_RANGE = 2;
    }

    static final class SparseProto {
        @Type(value = "uint32", repeated = true) static final int PRE = 1;
        @Type(value = "uint32", repeated = true) static final int POST = 2;
        @Type(value = "float", repeated = true) static final int WEIGHTS = 3;
        @Type(value = "uint32", repeated = true) static final int DELAYS = 4;
    }

    static final class RandomProto {
        @Type("double") static final int P = 1;
        @Type("uint64") static final int SEED = 2;
        @Type("float") static final int WEIGHT = 3;
        @Type("float") static final int WEIGHT_SPREAD = 4;
        @Type("uint32") static final int DELAY_MAX = 5;
        @Type("bool") static final int ALLOW_SELF = 6;
    }

    static final class OneToOneProto {
        @Type(value = "float", repeated = true) static final int WEIGHTS = 1;
    }

    static final class Conv2dProto {
        @Type("uint32") static final int IN_CHANNELS = 1;
        @Type("uint32") static final int OUT_CHANNELS = 2;
        @Type("uint32") static final int KERNEL = 3;
        @Type("uint32") static final int STRIDE = 4;
        @Type("uint32") static final int PADDING = 5;
        @Type(value = "float", repeated = true) static final int WEIGHTS = 6;
        @Type("float") static final int INIT_RANGE = 7;
    }

    static final class PoolProto {
        @Type("uint32") static final int KERNEL = 1;
        @Type("uint32") static final int STRIDE = 2;
        @Type("float") static final int WEIGHT = 3;
    }

    static final class LateralInhibitionProto {
        @Type("float") static final int STRENGTH = 1;
    }

    static final class QuantizedWeightsProto {
        @Type("uint32") static final int BITS = 1;
        @Type("bytes") static final int INT8_VALUES = 2;
        @Type(value = "sint32", repeated = true) static final int VALUES = 3;
        @Type(value = "float", repeated = true) static final int SCALES = 4;
        @Type("bool") static final int PER_OUTPUT_CHANNEL = 5;
    }

    static final class FeedForwardProto {
        @Type("ShapeProto") static final int INPUT = 1;
        @Type("double") static final int TAU_MEM = 2;
        @Type("double") static final int TAU_SYN = 3;
        @Type("uint32") static final int REFRACTORY_TICKS = 4;
        @Type(value = "LayerProto", repeated = true) static final int LAYERS = 5;
        @Type("float") static final int OUTPUT_LATERAL_INHIBITION = 6;
    }

    static final class LayerProto {
        @Type("string") static final int NAME = 1;
        @Type("double") static final int THRESHOLD = 2;
        @Type("double") static final int TAU_MEM = 3;
        @Type("double") static final int TAU_SYN = 4;
        @Type("uint32") static final int REFRACTORY_TICKS = 5;
        @Type("DenseLayerProto") static final int DENSE = 10;
        @Type("Conv2dLayerProto") static final int CONV2D = 11;
        @Type("PoolLayerProto") static final int POOL = 12;
    }

    static final class DenseLayerProto {
        @Type("uint32") static final int SIZE = 1;
        @Type(value = "float", repeated = true) static final int WEIGHTS = 2;
        @Type("float") static final int INIT_RANGE = 3;
    }

    static final class Conv2dLayerProto {
        @Type("uint32") static final int CHANNELS = 1;
        @Type("uint32") static final int KERNEL = 2;
        @Type("uint32") static final int STRIDE = 3;
        @Type("uint32") static final int PADDING = 4;
        @Type(value = "float", repeated = true) static final int WEIGHTS = 5;
        @Type("float") static final int INIT_RANGE = 6;
    }

    static final class PoolLayerProto {
        @Type("uint32") static final int KERNEL = 1;
        @Type("uint32") static final int STRIDE = 2;
    }
}
