package io.snn4j.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A model loaded for inference in an application (a robot's control loop, say): decoded once from a binary
 * {@code snn4j.v1.ModelProto} ({@code .pb}), immutable, its weights held once and shared by every {@link Session}.
 * Thread-safe: create one session per thread.
 *
 * <pre>{@code
 * SnnModel model = SnnModel.load(Path.of("nmnist-mlp.pb"));
 * Session session = model.newSession();
 * for (each event from the sensor) {
 *     session.push(timestampUs, model.channel(x, y, polarity, 34, 34));
 *     int decision = session.currentClass();
 * }
 * }</pre>
 *
 * <p>The runtime depends on the JDK and protobuf-java's wire-level reader only (and uses {@code jdk.incubator.vector}
 * when the JVM has it): it reads the file by field number, not through generated message classes, so it stays
 * small. Both the general {@code network} form and the compact {@code feed_forward} form are read, with every
 * projection kind; weights left to be drawn ({@code init_range}), random projections and initial potentials are
 * drawn as the engines draw them. Text-format models ({@code .textproto}) must first be written as binary (the
 * {@code snn4j export --target float} command does). A model whose LIF populations carry integer-mode constants
 * ({@code fixed_point.decay_shift > 0}) runs in integer mode.
 */
public final class SnnModel {
    /** Largest model file read. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private final String name;
    private final double usPerTick;
    private final Population[] populations;
    private final Projection[] projections;
    private final int input;
    private final int output;
    private final boolean integerMode;

    SnnModel(String name, double usPerTick, Population[] populations, Projection[] projections, int input,
             int output, boolean integerMode) {
        this.name = name;
        this.usPerTick = usPerTick;
        this.populations = populations;
        this.projections = projections;
        this.input = input;
        this.output = output;
        this.integerMode = integerMode;
    }

    /**
     * Loads a binary model file.
     *
     * @throws FileNotFoundException when there is no such file
     * @throws ModelFormatException  when the file is text format, not a valid model, or a newer major version
     */
    public static SnnModel load(Path file) throws IOException {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(where + ": no such model file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".textproto") || lower.endsWith(".txtpb") || lower.endsWith(".pbtxt")
                || lower.endsWith(".prototxt")) {
            throw new ModelFormatException(where, "the runtime reads binary models (.pb) only; convert text format "
                    + "first, e.g. snn4j export --model " + file.getFileName() + " --target float --out model.pb");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(where, "file is " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a model may have");
        }
        return fromBytes(Files.readAllBytes(file), where);
    }

    /**
     * A model from the bytes of a binary {@code snn4j.v1.ModelProto} (read, not kept).
     *
     * @throws ModelFormatException when the bytes are not a valid model or a newer major version
     */
    public static SnnModel fromBytes(byte[] bytes) throws ModelFormatException {
        return fromBytes(bytes, "model bytes");
    }

    static SnnModel fromBytes(byte[] bytes, String where) throws ModelFormatException {
        return ModelCompiler.compile(ModelDecoder.decode(bytes, where), where);
    }

    /** A session with the fastest kernels available ({@link RuntimeKernels#best()}). */
    public Session newSession() {
        return new Session(this, RuntimeKernels.best());
    }

    /** A session with the given kernels (the results are identical; for tests and benchmarks). */
    public Session newSession(RuntimeKernels kernels) {
        return new Session(this, kernels);
    }

    public String name() {
        return name;
    }

    /** Length of a tick in microseconds. */
    public double usPerTick() {
        return usPerTick;
    }

    /** Whether sessions run the integer arithmetic of fixed-point models. */
    public boolean isIntegerMode() {
        return integerMode;
    }

    /** Input channels (the size of the input population). */
    public int inputChannels() {
        return populations[input].size;
    }

    /** Output neurons (classes); 0 when the model names no output population. */
    public int classes() {
        return output >= 0 ? populations[output].size : 0;
    }

    public int populationCount() {
        return populations.length;
    }

    /** Index of the population called {@code name}, or -1. */
    public int populationIndex(String name) {
        for (int p = 0; p < populations.length; p++) {
            if (populations[p].name.equals(name)) {
                return p;
            }
        }
        return -1;
    }

    public String populationName(int p) {
        return populations[p].name;
    }

    public int populationSize(int p) {
        return populations[p].size;
    }

    /** Bytes of all weight and synapse arrays (held once, whatever the number of sessions). */
    public long weightBytes() {
        long b = 0;
        for (Projection p : projections) {
            b += p.bytes();
        }
        return b;
    }

    /**
     * The input channel of a sensor address in the HM2-BP N-MNIST layout (column-major, ON block then OFF block) for
     * a {@code width x height} sensor: {@code x * height + y}, plus {@code width * height} for OFF.
     */
    public int channel(int x, int y, int polarity, int width, int height) {
        return x * height + y + (polarity == 0 ? width * height : 0);
    }

    Population[] populations() {
        return populations;
    }

    Projection[] projections() {
        return projections;
    }

    int inputPopulation() {
        return input;
    }

    int outputPopulation() {
        return output;
    }
}
