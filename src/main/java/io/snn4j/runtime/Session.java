package io.snn4j.runtime;

import io.snn4j.engine.SteppedEngine;
import io.snn4j.network.CompiledNetwork;

/**
 * One stream of input events through a {@link SnnModel}: events are pushed as they arrive, time advances, and the
 * current class (the output neuron with most spikes so far, ties to the lowest index) can be asked at any moment.
 *
 * <p>Time: an event at {@code t} microseconds after the session started falls into tick
 * {@code ceil(t / usPerTick) + 1}, as {@code EventBinning} bins recordings, so a session gives the same spikes as the
 * engines given the binned recording. A tick is simulated as soon as its input is complete: when an event for a later
 * tick arrives, or when {@link #advanceTo} says that time has passed.
 *
 * <p>State is O(neurons); the weights are the model's. Pushing allocates nothing. Not thread-safe: one session per
 * thread.
 */
public final class Session {
    /** {@link #currentClass()} before any output spike. */
    public static final int NO_OUTPUT_SPIKES = -1;

    private final SnnModel model;
    private final SteppedEngine engine;
    private final int outOffset;
    private final int classes;
    private final int[] outCounts;
    private final long usPerTick;
    private long lastTimestamp;

    Session(SnnModel model) {
        this.model = model;
        CompiledNetwork net = model.compiled();
        this.engine = new SteppedEngine(net, model.kernels());
        this.outOffset = net.offset(model.spec().output());
        this.classes = net.size(model.spec().output());
        this.outCounts = new int[classes];
        double us = model.usPerTick();
        if (us != Math.rint(us) || us < 1) {
            throw new IllegalArgumentException("model us_per_tick must be a whole number of microseconds >= 1, was "
                    + us);
        }
        this.usPerTick = (long) us;
        reset();
    }

    /** Back to rest at time 0: no spikes, no pending input. */
    public void reset() {
        engine.begin();
        java.util.Arrays.fill(outCounts, 0);
        lastTimestamp = 0;
    }

    /** Tick of an event at {@code timestampUs}. */
    long tickOf(long timestampUs) {
        return (timestampUs + usPerTick - 1) / usPerTick + 1;
    }

    /**
     * Adds an event. Timestamps must not decrease.
     *
     * @param timestampUs microseconds since the session started (or was reset), &gt;= 0
     * @param channel     input channel in [0, model.inputChannels())
     */
    public void push(long timestampUs, int channel) {
        if (timestampUs < lastTimestamp) {
            throw new IllegalArgumentException("timestamps must not decrease: " + timestampUs + " us after "
                    + lastTimestamp + " us");
        }
        lastTimestamp = timestampUs;
        long tick = tickOf(timestampUs);
        runUntil(tick);
        engine.input(channel);
    }

    /** Declares that {@code timestampUs} has passed: every tick whose input is complete is simulated. */
    public void advanceTo(long timestampUs) {
        if (timestampUs < lastTimestamp) {
            throw new IllegalArgumentException("time must not go back: " + timestampUs + " us after "
                    + lastTimestamp + " us");
        }
        lastTimestamp = timestampUs;
        // ticks before tickOf(t) can receive no more events; tickOf(t) itself can while t is inside it
        runUntil(tickOf(timestampUs) + (timestampUs % usPerTick == 0 ? 1 : 0));
    }

    /** Simulates every tick before {@code tick}. */
    private void runUntil(long tick) {
        while (engine.now() < tick) {
            engine.stepTick();
            int out = model.spec().output();
            if (engine.lastTickSpikes(out) > 0) {
                for (int k = 0; k < classes; k++) {
                    outCounts[k] = engine.spikeCount(outOffset + k);
                }
            }
        }
    }

    /** The output neuron with most spikes so far, ties to the lowest index; {@link #NO_OUTPUT_SPIKES} if none. */
    public int currentClass() {
        int best = NO_OUTPUT_SPIKES;
        int bestCount = 0;
        for (int k = 0; k < classes; k++) {
            if (outCounts[k] > bestCount) {
                bestCount = outCounts[k];
                best = k;
            }
        }
        return best;
    }

    /** Spikes of output neuron {@code k} so far. */
    public int outputSpikes(int k) {
        return outCounts[k];
    }

    /** Copies the output spike counts into {@code dst} (length &gt;= classes) and returns it. */
    public int[] copyOutputSpikes(int[] dst) {
        System.arraycopy(outCounts, 0, dst, 0, classes);
        return dst;
    }

    /** Ticks simulated so far. */
    public int ticksSimulated() {
        return engine.now();
    }

    public SnnModel model() {
        return model;
    }
}
