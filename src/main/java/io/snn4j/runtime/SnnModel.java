package io.snn4j.runtime;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.ProvenanceProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.pipeline.EventPipeline;
import io.snn4j.pipeline.InputPipelines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model loaded for inference in an application (a robot's control loop, say): read once through the model loader
 * every snn4j command uses ({@code .pb} or {@code .textproto}), validated, compiled, immutable; its weights are held
 * once and shared by every {@link Session}. Thread-safe: create one session per thread.
 *
 * <pre>{@code
 * SnnModel model = SnnModel.load(Path.of("runs/latest/model.pb"));
 * Session session = model.newSession();
 * for (each event from the sensor) {
 *     session.pushEvent(timestampUs, x, y, polarity);   // through the model's own input pipeline
 *     int decision = session.currentClass();
 * }
 * }</pre>
 *
 * <p>A trained model (schema 1.3) carries the input pipeline its training data went through ({@link #pipeline()}):
 * sensor size, time origin, saccade compensation, crop, downsample, polarity and channel mapping, binning. Sessions
 * apply it to raw sensor events, so the classes equal those of {@code snn4j eval}. A model whose LIF populations
 * carry integer-mode constants ({@code fixed_point.decay_shift > 0}, schema 1.2) runs in integer mode.
 */
public final class SnnModel {
    private final String where;
    private final ModelProto proto;
    private final NetworkSpec spec;
    private final CompiledNetwork net;
    private final EventPipeline pipeline;
    private final List<String> classNames;

    private SnnModel(ModelProto proto, String where) throws InvalidModelException {
        this.where = where;
        this.proto = proto;
        this.spec = ModelFiles.hasIntegerMode(proto) ? ModelFiles.toIntegerNetwork(proto, where)
                : ModelFiles.toNetwork(proto, where);
        this.net = CompiledNetwork.compile(spec);
        EventPipeline p = null;
        if (proto.hasInputPipeline() && proto.getInputPipeline().hasEvents()) {
            try {
                p = EventPipeline.of(proto.getInputPipeline(), spec.inputPopulation().size());
            } catch (IllegalArgumentException e) {
                throw new InvalidModelException(where, List.of(e.getMessage()));
            }
        }
        this.pipeline = p;
        this.classNames = List.copyOf(proto.getOutputDecoding().getClassNamesList());
    }

    /**
     * Loads a model file: binary ({@code .pb}) or protobuf text format ({@code .textproto}), by its extension.
     *
     * @throws java.io.FileNotFoundException when there is no such file
     * @throws InvalidModelException          when the file is not a valid model (a training checkpoint says so)
     * @throws io.snn4j.model.UnsupportedSchemaVersionException when it is of a newer major version
     */
    public static SnnModel load(Path file) throws IOException {
        return new SnnModel(ModelFiles.read(file), file.toString());
    }

    /**
     * A model from the bytes of a binary {@code snn4j.v1.ModelProto} (read, not kept).
     *
     * @throws InvalidModelException when the bytes are not a valid model
     */
    public static SnnModel fromBytes(byte[] bytes) throws IOException {
        return new SnnModel(ModelFiles.parse(bytes, "model bytes"), "model bytes");
    }

    /**
     * A session with the fastest kernels available (SIMD where the JVM has the Vector API) and the default options
     * (late events clamped to the current tick, cumulative decisions).
     */
    public Session newSession() {
        return new Session(this, KernelProvider.get(), SessionOptions.defaults());
    }

    /** A session with the given late policy, decision rule and horizon. */
    public Session newSession(SessionOptions options) {
        return new Session(this, KernelProvider.get(), options);
    }

    /** A session with the given kernels (the results are identical; for tests and benchmarks). */
    public Session newSession(Kernels kernels) {
        return new Session(this, kernels, SessionOptions.defaults());
    }

    public String name() {
        return spec.name();
    }

    /** Length of a tick in microseconds. */
    public double usPerTick() {
        return spec.usPerTick();
    }

    /** Ticks a sample is simulated for in training and {@code eval} (the decision window of a recording). */
    public int ticks() {
        return spec.ticks();
    }

    /** Whether sessions run the integer arithmetic of fixed-point models. */
    public boolean isIntegerMode() {
        return spec.isInteger();
    }

    /** Input channels (the size of the input population). */
    public int inputChannels() {
        return spec.inputPopulation().size();
    }

    /** Output neurons (classes); 0 when the model names no output population. */
    public int classes() {
        return spec.output() >= 0 ? spec.population(spec.output()).size() : 0;
    }

    /** Class names in output-neuron order, when the model names them (else empty). */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code k}: its recorded name, or its index. */
    public String className(int k) {
        return k >= 0 && k < classNames.size() ? classNames.get(k) : String.valueOf(k);
    }

    /** The event pipeline of the model, when its input is an event camera's (schema 1.3). */
    public Optional<EventPipeline> pipeline() {
        return Optional.ofNullable(pipeline);
    }

    /** The input pipeline as recorded (an empty message in files older than schema 1.3). */
    public InputPipelineProto inputPipeline() {
        return proto.getInputPipeline();
    }

    /** One line describing the input pipeline. */
    public String describePipeline() {
        return InputPipelines.describe(proto.getInputPipeline());
    }

    /** Sensor width the model expects, or 0 when it records none. */
    public int sensorWidth() {
        return pipeline != null ? pipeline.sensorWidth() : proto.getInputEncoding().getSensorWidth();
    }

    /** Sensor height the model expects, or 0 when it records none. */
    public int sensorHeight() {
        return pipeline != null ? pipeline.sensorHeight() : proto.getInputEncoding().getSensorHeight();
    }

    /** Who made the model and how: data set, measured test accuracy, training seed and settings. */
    public ProvenanceProto provenance() {
        return proto.getProvenance();
    }

    public int populationCount() {
        return spec.populations().size();
    }

    /** Index of the population called {@code name}, or -1. */
    public int populationIndex(String name) {
        return spec.populationIndex(name);
    }

    public String populationName(int p) {
        return spec.population(p).name();
    }

    public int populationSize(int p) {
        return spec.population(p).size();
    }

    /** Bytes of all weight and synapse arrays (held once, whatever the number of sessions). */
    public long weightBytes() {
        long b = 0;
        for (int j = 0; j < net.projectionCount(); j++) {
            b += net.connectivity(j).bytes();
        }
        return b;
    }

    /**
     * The input channel of a sensor address in the HM2-BP N-MNIST layout (column-major, ON block then OFF block) for
     * a {@code width x height} sensor: {@code x * height + y}, plus {@code width * height} for OFF. For models without
     * an input pipeline; a trained model's own pipeline is applied by {@link Session#pushEvent}.
     */
    public int channel(int x, int y, int polarity, int width, int height) {
        return x * height + y + (polarity == 0 ? width * height : 0);
    }

    /** The validated network. */
    public NetworkSpec spec() {
        return spec;
    }

    CompiledNetwork network() {
        return net;
    }

    /** Where the model was read from (for messages). */
    String where() {
        return where;
    }

    /** Population names, in index order. */
    public List<String> populationNames() {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < populationCount(); p++) {
            names.add(populationName(p));
        }
        return names;
    }
}
