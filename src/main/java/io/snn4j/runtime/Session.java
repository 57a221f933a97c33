package io.snn4j.runtime;

import io.snn4j.backend.Kernels;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.pipeline.EventPipeline;

/**
 * One stream of input events through a {@link SnnModel}, on the core stepped engine: events are pushed as they
 * arrive, time advances, and the current class (the output neuron with most spikes so far, ties to the lowest index)
 * can be asked at any moment.
 *
 * <p>Input: {@link #pushEvent} takes a raw sensor event and applies the model's input pipeline (time origin, saccade
 * compensation, crop, downsample, channel mapping, binning) exactly as training and {@code eval} do; {@link #push}
 * takes an input channel directly, binned by the model's tick length ({@code tick = ceil(t / usPerTick) + 1}, or the
 * pipeline's first tick). A tick is simulated as soon as its input is complete: when an event for a later tick
 * arrives, or when {@link #advanceTo} says that time has passed. Several events of one channel in one tick count
 * once. Pushing a recording's events in timestamp order and then {@link #finishWindow()} gives the spikes and class
 * of {@code eval} on that recording.
 *
 * <p>State is the engine's (O(neurons x delay slots)); the weights are the model's. Pushing allocates nothing. Not
 * thread-safe: one session per thread.
 */
public final class Session {
    /** {@link #currentClass()} before any output spike. */
    public static final int NO_OUTPUT_SPIKES = -1;

    private final SnnModel model;
    private final Kernels kernels;
    private final SteppedEngine engine;
    private final EventPipeline pipeline;
    private final int inputChannels;
    private final int output;
    private final int outputOffset;
    private final int[] outCounts;
    private final long usPerTick;
    private final int firstTick;
    /** Ticks simulated so far; the engine's next tick. */
    private long now;
    /** Latest timestamp (since the origin) that still belongs to a tick before {@link #now}. */
    private long nowEndUs;
    private int bestClass;
    private long lastTimestamp;
    /** Device time of the first pushed event when the pipeline counts time from it; -1 before it. */
    private long originUs;

    Session(SnnModel model, Kernels kernels) {
        this.model = model;
        this.kernels = kernels;
        CompiledNetwork net = model.network();
        this.engine = new SteppedEngine(net, kernels);
        this.pipeline = model.pipeline().orElse(null);
        this.inputChannels = model.inputChannels();
        this.output = net.spec().output();
        this.outputOffset = output >= 0 ? net.offset(output) : 0;
        this.outCounts = new int[model.classes()];
        double us = pipeline != null ? pipeline.usPerTick() : model.usPerTick();
        if (us != Math.rint(us) || us < 1) {
            throw new IllegalArgumentException(model.where() + ": us_per_tick must be a whole number of microseconds"
                    + " >= 1 for a session, was " + us);
        }
        this.usPerTick = (long) us;
        this.firstTick = pipeline != null ? pipeline.firstTick() : 1;
        reset();
    }

    /** Back to rest at time 0: no spikes, no pending input, initial potentials restored, time origin forgotten. */
    public void reset() {
        engine.begin();
        java.util.Arrays.fill(outCounts, 0);
        now = 0;
        nowEndUs = -usPerTick * firstTick;
        bestClass = NO_OUTPUT_SPIKES;
        lastTimestamp = 0;
        originUs = -1;
    }

    /** Tick of an event {@code t} microseconds after the origin. */
    long tickOf(long t) {
        return (t + usPerTick - 1) / usPerTick + firstTick;
    }

    /**
     * Adds a raw sensor event, through the model's input pipeline. Timestamps are the sensor's: the pipeline counts
     * them from the first event pushed since {@link #reset()} or takes them as they are, as the model was trained.
     *
     * @throws IllegalStateException    when the model records no event pipeline (use {@link #push})
     * @throws IllegalArgumentException when the address is not on the model's sensor or time goes back
     */
    public void pushEvent(long timestampUs, int x, int y, int polarity) {
        if (pipeline == null) {
            throw new IllegalStateException(model.where() + " records no event input pipeline (a model trained "
                    + "before schema 1.3, or hand-written): push input channels with push(timestampUs, channel)");
        }
        if (originUs < 0) {
            originUs = pipeline.timeFromFirstEvent() ? timestampUs : 0;
        }
        long t = timestampUs - originUs;
        int c = pipeline.channel(t, x, y, polarity);
        checkTime(t);
        if (c >= 0) {
            add(t, c);
        } else {
            lastTimestamp = t;
        }
    }

    /**
     * Adds an event on an input channel. Timestamps must not decrease.
     *
     * @param timestampUs microseconds since the session started (or was reset), &gt;= 0
     * @param channel     input channel in [0, model.inputChannels())
     */
    public void push(long timestampUs, int channel) {
        checkTime(timestampUs);
        if (channel < 0 || channel >= inputChannels) {
            throw new IllegalArgumentException("input channel must be in [0, " + inputChannels + "), was " + channel);
        }
        add(timestampUs, channel);
    }

    private void checkTime(long t) {
        if (t < lastTimestamp || t < 0) {
            throw new IllegalArgumentException("timestamps must not decrease: " + t + " us after " + lastTimestamp
                    + " us");
        }
    }

    private void add(long t, int channel) {
        lastTimestamp = t;
        if (t > nowEndUs) {
            runUntil(tickOf(t));
        }
        engine.input(channel);
    }

    /** Declares that {@code timestampUs} (since the origin) has passed: every tick whose input is complete is simulated. */
    public void advanceTo(long timestampUs) {
        if (timestampUs < lastTimestamp) {
            throw new IllegalArgumentException("time must not go back: " + timestampUs + " us after "
                    + lastTimestamp + " us");
        }
        lastTimestamp = timestampUs;
        // ticks before tickOf(t) can receive no more events; tickOf(t) itself can while t is inside it
        runUntil(tickOf(timestampUs) + (timestampUs % usPerTick == 0 ? 1 : 0));
    }

    /**
     * Simulates the rest of the model's decision window: every tick before {@link SnnModel#ticks()} (events pushed
     * for later ticks have already moved time on and are not undone). After the events of one recording this is the
     * window {@code eval} simulates.
     */
    public void finishWindow() {
        runUntil(model.ticks());
    }

    /** Simulates every tick before {@code tick}. */
    private void runUntil(long tick) {
        while (now < tick) {
            stepTick();
        }
    }

    /** Simulates the current tick with the input pushed for it, then moves to the next tick. */
    void stepTick() {
        engine.stepTick();
        now++;
        nowEndUs += usPerTick;
        if (output >= 0 && engine.lastTickSpikes(output) > 0) {
            int best = NO_OUTPUT_SPIKES;
            int bestCount = 0;
            for (int k = 0; k < outCounts.length; k++) {
                int c = engine.spikeCount(outputOffset + k);
                outCounts[k] = c;
                if (c > bestCount) {
                    bestCount = c;
                    best = k;
                }
            }
            bestClass = best;
        }
    }

    /** Adds a spike of input channel {@code channel} to the current tick (tests drive ticks directly). */
    void input(int channel) {
        engine.input(channel);
    }

    /** The output neuron with most spikes so far, ties to the lowest index; {@link #NO_OUTPUT_SPIKES} if none. */
    public int currentClass() {
        return bestClass;
    }

    /** Spikes of output neuron {@code k} so far. */
    public int outputSpikes(int k) {
        return outCounts[k];
    }

    /** Copies the output spike counts into {@code dst} (written, length &gt;= classes) and returns it. */
    public int[] copyOutputSpikes(int[] dst) {
        System.arraycopy(outCounts, 0, dst, 0, outCounts.length);
        return dst;
    }

    /**
     * Copies the spike count of every neuron of population {@code p} ({@link SnnModel#populationIndex}) so far.
     *
     * @param dst written, length &gt;= the population's size
     */
    public int[] copySpikeCounts(int p, int[] dst) {
        CompiledNetwork net = model.network();
        int off = net.offset(p);
        for (int i = 0, n = net.size(p); i < n; i++) {
            dst[i] = engine.spikeCount(off + i);
        }
        return dst;
    }

    /**
     * Copies the neurons of population p that spiked in the tick simulated last, ascending, and returns how many.
     *
     * @param dst written, length &gt;= the population's size
     */
    public int copyLastTickSpikes(int p, int[] dst) {
        return engine.copyLastTickSpikes(p, dst);
    }

    /** Membrane of neuron i of population p: float, or the integer state in integer mode (for tests). */
    double potential(int p, int i) {
        return engine.potential(model.network().offset(p) + i);
    }

    /** Ticks simulated so far. */
    public long ticksSimulated() {
        return now;
    }

    /** Integer mode: how often a current or membrane was clamped to the accumulator range so far (0 in float mode). */
    public long saturations() {
        return engine.saturations();
    }

    /** The kernels this session runs. */
    public Kernels kernels() {
        return kernels;
    }

    public SnnModel model() {
        return model;
    }
}
