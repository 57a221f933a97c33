package io.snn4j.bench;

import io.snn4j.data.EventStream;
import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.emulate.DvsEmulator;
import io.snn4j.data.emulate.DvsEmulatorConfig;
import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.NetworkProto;
import io.snn4j.model.proto.PopulationProto;
import io.snn4j.model.proto.ProjectionProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.FixedLifParameters;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The networks and inputs the built-in benchmarks run: deterministic for their arguments (seeds included).
 * Stateless and thread-safe.
 */
public final class BenchmarkNetworks {
    /** Neurons of the CUBA network as Brette et al. (2007) and Brian2's example define it. */
    public static final int CUBA_NEURONS = 4000;

    /** Length of the sparse benchmark's recording window in microseconds. */
    static final double SPARSE_WINDOW_US = 330_000.0;

    private BenchmarkNetworks() {
    }

    /**
     * The Vogels-Abbott CUBA model ({@code models/cuba.textproto}) with {@code n} neurons: the populations named
     * {@code exc} and {@code inh} keep the 4:1 ratio and each neuron about 80 inputs (the random projections'
     * probability becomes {@code 0.02 * 4000 / n}, at most 1). {@code base} itself for n = 4000.
     */
    public static ModelProto cuba(ModelProto base, int n) {
        if (n == CUBA_NEURONS) {
            return base;
        }
        int exc = (int) Math.round(n * 0.8);
        int inh = n - exc;
        double p = 0.02 * CUBA_NEURONS / n;
        NetworkProto.Builder nb = base.getNetwork().toBuilder();
        for (int i = 0; i < nb.getPopulationsCount(); i++) {
            PopulationProto.Builder pb = nb.getPopulationsBuilder(i);
            if (pb.getName().equals("exc")) {
                pb.setSize(exc);
            } else if (pb.getName().equals("inh")) {
                pb.setSize(inh);
            }
        }
        for (int i = 0; i < nb.getProjectionsCount(); i++) {
            ProjectionProto.Builder pr = nb.getProjectionsBuilder(i);
            if (pr.hasRandom()) {
                pr.getRandomBuilder().setP(Math.min(1, p));
            }
        }
        return base.toBuilder().setNetwork(nb).build();
    }

    /** Ticks of {@code usPerTick} microseconds that cover the sparse benchmark's 330 ms recording window. */
    public static int sparseTicks(int usPerTick) {
        return (int) Math.ceil(SPARSE_WINDOW_US / usPerTick);
    }

    /**
     * The sparse benchmark's recording: built-in digit 0 of {@code seed} through the DVS emulator in its N-MNIST-like
     * setting (about 4000 events in 300 ms).
     */
    public static EventStream sparseRecording(long seed) {
        return new DvsEmulator(DvsEmulatorConfig.nmnistLike())
                .emulate(new BuiltinDigits(seed).image(0), BuiltinDigits.SIZE, BuiltinDigits.SIZE,
                        new SplittableRandom(seed));
    }

    /** {@code events} binned in the N-MNIST channel layout at {@code usPerTick}, {@code ticks} ticks. */
    public static InputSpikes sparseInput(EventStream events, int usPerTick, int ticks) {
        return new EventBinning(ChannelLayout.nmnist(), usPerTick, 1, ticks).bin(events);
    }

    /**
     * The sparse benchmark's network: 2312 -> 800 -> 10 with lateral inhibition at the output, the HM2-BP N-MNIST
     * constants (tau_m 38.4 ms, tau_s 4.8 ms, refractory 1.2 ms, thresholds 15) converted to ticks of {@code us}
     * microseconds, uniform random weights in [-1, 1) drawn from {@code seed}.
     */
    public static NetworkSpec sparse(int us, int ticks, long seed) {
        double tauMem = 38_400.0 / us;
        double tauSyn = 4_800.0 / us;
        int refractory = (int) Math.round(1_200.0 / us);
        LifParameters lif = new LifParameters(Math.max(1, tauMem), Math.max(1, tauSyn), 0, 15, false,
                refractory, 0);
        SplittableRandom rng = new SplittableRandom(seed);
        return new NetworkSpec("sparse", us, ticks, seed,
                List.of(PopulationSpec.input("input", Shape.flat(2312)),
                        PopulationSpec.lif("hidden", Shape.flat(800), lif),
                        PopulationSpec.lif("output", Shape.flat(10), lif)),
                List.of(
                        new ProjectionSpec.Dense("input->hidden", 0, 1, 0, 1, uniform(rng, 800 * 2312, 1f)),
                        new ProjectionSpec.Dense("hidden->output", 1, 2, 0, 1, uniform(rng, 10 * 800, 1f)),
                        new ProjectionSpec.LateralInhibition("output-lateral", 2, 2, 0, 1, 1f)),
                0, 2);
    }

    /**
     * The integer-mode version of {@link #sparse}: weights x 63 rounded (8 bits, one scale), 32-bit accumulators,
     * decay shift 24, 8 fraction bits, thresholds 15 x 63 x 2^8.
     */
    public static NetworkSpec sparseInteger(NetworkSpec f) {
        final int shift = 24;
        final int frac = 8;
        final float k = 63;
        List<PopulationSpec> pops = f.populations().stream().map(p -> {
            if (p.isInput()) {
                return p;
            }
            LifParameters l = p.lif();
            FixedLifParameters fp = new FixedLifParameters(32, frac, shift,
                    (int) FixedLifParameters.decayOf(l.tauMemTicks(), shift),
                    new int[] {(int) FixedLifParameters.decayOf(l.tauSynTicks(0), shift)},
                    new long[] {Math.round(l.threshold() * k * (1 << frac))}, new long[0]);
            return new PopulationSpec(p.name(), p.shape(), l, 0, 0, fp);
        }).toList();
        List<ProjectionSpec> projs = f.projections().stream().map(pr -> {
            // a type question: this fixed benchmark network has dense layers and one lateral inhibition only
            if (pr instanceof ProjectionSpec.Dense d) {
                float[] q = new float[d.weights().length];
                for (int i = 0; i < q.length; i++) {
                    q[i] = Math.round(d.weights()[i] * k);
                }
                return new ProjectionSpec.Dense(d.name(), d.source(), d.target(), d.synapse(), d.delayTicks(), q);
            }
            ProjectionSpec.LateralInhibition li = (ProjectionSpec.LateralInhibition) pr;
            return new ProjectionSpec.LateralInhibition(li.name(), li.source(), li.target(), li.synapse(),
                    li.delayTicks(), Math.round(li.strength() * k));
        }).map(ProjectionSpec.class::cast).toList();
        return new NetworkSpec(f.name() + "-integer", f.usPerTick(), f.ticks(), f.seed(), pops, projs, f.input(),
                f.output());
    }

    /**
     * {@code samples} recordings of built-in digits (seed 7, digit i emulated with seed i), as the runtime benchmark
     * pushes them event by event.
     */
    public static EventStream[] digitRecordings(int samples) {
        DvsEmulator emulator = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        BuiltinDigits digits = new BuiltinDigits(7);
        EventStream[] recordings = new EventStream[samples];
        for (int i = 0; i < samples; i++) {
            recordings[i] = emulator.emulate(digits.image(i), BuiltinDigits.SIZE, BuiltinDigits.SIZE,
                    new SplittableRandom(i));
        }
        return recordings;
    }

    private static float[] uniform(SplittableRandom rng, int n, float range) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (range * (2 * rng.nextDouble() - 1));
        }
        return w;
    }
}
