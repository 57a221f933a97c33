package io.snn4j.runtime;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.export.ModelFiles;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model loaded for inference in an application (a robot's control loop, say): compiled once, immutable, its weights
 * held once and shared by every {@link Session}. Thread-safe: create one session per thread.
 *
 * <pre>{@code
 * SnnModel model = SnnModel.load(Path.of("nmnist-mlp.pb"));
 * Session session = model.newSession();
 * for (each event from the sensor) {
 *     session.push(timestampUs, model.channel(x, y, polarity));
 *     int decision = session.currentClass();
 * }
 * }</pre>
 */
public final class SnnModel {
    private final NetworkSpec spec;
    private final CompiledNetwork net;
    private final Kernels kernels;

    private SnnModel(NetworkSpec spec, Kernels kernels) {
        this.spec = spec;
        this.net = CompiledNetwork.compile(spec);
        this.kernels = kernels;
        if (spec.output() < 0) {
            throw new IllegalArgumentException("model '" + spec.name() + "' has no output population to classify with");
        }
    }

    /** Loads a model file (binary {@code .pb} or text {@code .textproto}) with the fastest kernels available. */
    public static SnnModel load(Path file) throws IOException {
        return new SnnModel(ModelFiles.load(file), KernelProvider.get());
    }

    /** A model of an in-memory network, with the given kernels (scalar or vector; the results are identical). */
    public static SnnModel of(NetworkSpec spec, Kernels kernels) {
        return new SnnModel(spec, kernels);
    }

    public Session newSession() {
        return new Session(this);
    }

    public NetworkSpec spec() {
        return spec;
    }

    CompiledNetwork compiled() {
        return net;
    }

    Kernels kernels() {
        return kernels;
    }

    /** Input channels (the size of the input population). */
    public int inputChannels() {
        return net.size(spec.input());
    }

    /** Output neurons (classes). */
    public int classes() {
        return net.size(spec.output());
    }

    public double usPerTick() {
        return spec.usPerTick();
    }

    /**
     * The input channel of a sensor address in the HM2-BP N-MNIST layout (column-major, ON block then OFF block) for
     * a {@code width x height} sensor: {@code x * height + y}, plus {@code width * height} for OFF.
     */
    public int channel(int x, int y, int polarity, int width, int height) {
        return x * height + y + (polarity == 0 ? width * height : 0);
    }
}
