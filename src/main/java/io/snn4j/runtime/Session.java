package io.snn4j.runtime;

import io.snn4j.backend.Kernels;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.pipeline.EventPipeline;
import java.util.Arrays;

/**
 * One stream of input events through a {@link SnnModel}, on the core stepped engine: events are pushed as they
 * arrive, time advances, and the current class (the output neuron with most evidence, ties to the lowest index; see
 * {@link DecisionRule}) can be asked at any moment.
 *
 * <p>Input: {@link #pushEvent} takes a raw sensor event and applies the model's input pipeline (time origin, saccade
 * compensation, crop, downsample, channel mapping, binning) exactly as training and {@code eval} do; {@link #push}
 * takes an input channel directly, binned by the model's tick length ({@code tick = ceil(t / usPerTick) + 1}, or the
 * pipeline's first tick). A tick is simulated as soon as its input is complete: when an event for a later tick
 * arrives, or when {@link #advanceTo} says that time has passed (with {@link LatePolicy#WATERMARK}, that time minus
 * the lateness budget). Several events of one channel in one tick count once. Pushing a recording's events in
 * timestamp order and then {@link #finishWindow()} gives the spikes and class of {@code eval} on that recording.
 *
 * <p>Time: ticks are {@code long}. Events whose tick has been simulated are late and follow the session's
 * {@link LatePolicy}, counted, never an exception. Over gaps in which the network is at rest time jumps at once
 * (device clocks in Unix microseconds, long pauses); a busy network is simulated tick by tick up to the
 * {@link SessionOptions#horizonUs horizon}, and a larger jump is an {@link IllegalArgumentException}, never a hang.
 *
 * <p>State is the engine's (O(neurons x delay slots)) plus the decision's; the weights are the model's. Pushing
 * allocates nothing. Not thread-safe: one session per thread.
 */
public final class Session {
    /** {@link #currentClass()} before any output spike. */
    public static final int NO_OUTPUT_SPIKES = -1;
    /** The engine's int tick is moved back by this much (a multiple of every ring size) before it could overflow. */
    private static final int REBASE = 1 << 29;
    /** Idle gaps of at least this many ticks are jumped over when the network is at rest. */
    private static final long JUMP_MIN = 1024;
    /** Ticks a session waits for a busy network to come to rest before refusing a jump beyond the horizon. */
    private static final int SETTLE_MAX = 10_000;

    private final SnnModel model;
    private final Kernels kernels;
    private final SessionOptions options;
    private final SteppedEngine engine;
    private final EventPipeline pipeline;
    private final int inputChannels;
    private final int output;
    private final int classes;
    private final long usPerTick;
    private final int firstTick;
    private final long horizonTicks;
    private final long budgetUs;
    private final boolean watermark;
    private final boolean dropLate;
    /** Spike counts of the output neurons since the reset. */
    private final int[] outCounts;
    /** Decision evidence per output neuron. */
    private final double[] evidence;
    /** Window rule: output spikes of the last windowTicks ticks, [tick % windowTicks][neuron] (else null). */
    private final int[][] window;
    private final int windowTicks;
    /** Decay rule: the evidence kept per tick (else 1). */
    private final double keep;
    private final int[] outBuf;
    /** Watermark mode: events held for later ticks, [tick % length][k], with their count and channel marks. */
    private final int[][] buckets;
    private final int[] bucketCounts;
    private final boolean[][] bucketMarks;
    private long held;
    private OutputListener listener;
    /** Ticks simulated (or jumped over) since the reset; the engine's own int tick is rebased as it grows. */
    private long now;
    /** End of the tick being filled ({@link #now}), since the origin: later events belong to later ticks. */
    private long nowEndUs;
    /** Latest event or advanceTo time seen (since the origin). */
    private long latestUs;
    private int bestClass;
    private double bestEvidence;
    private double secondEvidence;
    /** Device time the session's clock counts from (the first event's, or 0, as the pipeline says); -1 before it. */
    private long originUs;
    /**
     * Device time the pipeline's time-dependent steps (saccade compensation) count from: the clock's origin, or the
     * start of a new recording in the stream ({@link #restartRecording}).
     */
    private long recordingOriginUs;
    private long lateEvents;

    Session(SnnModel model, Kernels kernels, SessionOptions options) {
        this.model = model;
        this.kernels = kernels;
        this.options = options;
        CompiledNetwork net = model.network();
        this.engine = new SteppedEngine(net, kernels);
        this.pipeline = model.pipeline().orElse(null);
        this.inputChannels = model.inputChannels();
        this.output = net.spec().output();
        this.classes = model.classes();
        double us = pipeline != null ? pipeline.usPerTick() : model.usPerTick();
        if (us != Math.rint(us) || us < 1) {
            throw new IllegalArgumentException(model.where() + ": us_per_tick must be a whole number of microseconds"
                    + " >= 1 for a session, was " + us);
        }
        this.usPerTick = (long) us;
        this.firstTick = pipeline != null ? pipeline.firstTick() : 1;
        this.horizonTicks = Math.max(1, options.horizonUs() / usPerTick);
        this.watermark = options.late() == LatePolicy.WATERMARK;
        this.dropLate = options.late() != LatePolicy.CLAMP;
        this.budgetUs = options.latenessUs();
        this.outCounts = new int[classes];
        this.evidence = new double[classes];
        this.outBuf = new int[Math.max(1, classes)];
        if (options.decision() instanceof DecisionRule.Window w) {
            windowTicks = (int) Math.max(1, Math.min(1 << 20, (w.windowUs() + usPerTick - 1) / usPerTick));
            window = new int[windowTicks][classes];
        } else {
            windowTicks = 0;
            window = null;
        }
        keep = options.decision() instanceof DecisionRule.Decay d ? Math.exp(-(double) usPerTick / d.tauUs()) : 1;
        long span = watermark ? budgetUs / usPerTick + 3 : 0;
        if (span > 1 << 16 || span * inputChannels > 1L << 28) {
            throw new IllegalArgumentException("session options: a lateness budget of " + budgetUs + " us spans "
                    + span + " ticks of " + inputChannels + " channels, too many to hold");
        }
        int nb = (int) span;
        buckets = new int[nb][inputChannels];
        bucketCounts = new int[nb];
        bucketMarks = new boolean[nb][inputChannels];
        reset();
    }

    /** Back to rest at time 0: no spikes, no pending input, no evidence, time origin and late count forgotten. */
    public void reset() {
        engine.begin();
        Arrays.fill(outCounts, 0);
        Arrays.fill(evidence, 0);
        if (window != null) {
            for (int[] w : window) {
                Arrays.fill(w, 0);
            }
        }
        now = 0;
        nowEndUs = -usPerTick * firstTick;
        latestUs = 0;
        bestClass = NO_OUTPUT_SPIKES;
        bestEvidence = 0;
        secondEvidence = 0;
        originUs = -1;
        recordingOriginUs = 0;
        lateEvents = 0;
        for (int b = 0; b < bucketCounts.length; b++) {
            for (int k = 0; k < bucketCounts[b]; k++) {
                bucketMarks[b][buckets[b][k]] = false;
            }
            bucketCounts[b] = 0;
        }
        held = 0;
    }

    /**
     * Runs synthetic input (random channels, a few per tick, from a fixed seed) through this session until the JIT
     * has compiled its loops, then {@link #reset()}s it: after this, pushing allocates nothing from the first event
     * on, and the first events are not slowed by interpretation. Call it once after creating a session (it takes
     * about 100 ms for an N-MNIST network on one core). The output listener is not told of the synthetic spikes.
     */
    public void warmUp() {
        OutputListener l = listener;
        listener = null;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0x5EED);
        int perTick = Math.max(1, inputChannels / 50);
        for (int pass = 0; pass < 40; pass++) {
            reset();
            for (int t = 0; t < 400; t++) {
                long us = t * usPerTick;
                for (int k = 0; k < perTick; k++) {
                    push(us, rng.nextInt(inputChannels));
                }
                currentClass();
            }
            advanceTo(400 * usPerTick + 3 * usPerTick);
        }
        listener = l;
        reset();
    }

    /** Tells {@code l} of the output spikes of every tick simulated from now on (null: nobody). */
    public void setOutputListener(OutputListener l) {
        this.listener = l;
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
     * @throws IllegalArgumentException when the address is not on the model's sensor, or time jumps beyond the
     *                                  horizon while the network is busy
     */
    public void pushEvent(long timestampUs, int x, int y, int polarity) {
        if (pipeline == null) {
            throw new IllegalStateException(model.where() + " records no event input pipeline (a model trained "
                    + "before schema 1.3, or hand-written): push input channels with push(timestampUs, channel)");
        }
        if (originUs < 0) {
            originUs = pipeline.timeFromFirstEvent() ? timestampUs : 0;
            recordingOriginUs = originUs;
        }
        long t = Math.max(0, timestampUs - originUs);
        int c = pipeline.channel(Math.max(0, timestampUs - recordingOriginUs), x, y, polarity);
        if (c >= 0) {
            add(t, c);
        }
    }

    /**
     * Declares that a new recording starts at device time {@code timestampUs} within the stream: the pipeline's
     * time-dependent steps (N-MNIST's saccade compensation) count from it, as they did from the start of each
     * training recording; the session's clock, state and evidence go on. Without it they count from the stream's
     * origin (a pipeline without such steps needs none).
     */
    public void restartRecording(long timestampUs) {
        if (originUs < 0) {
            originUs = pipeline != null && pipeline.timeFromFirstEvent() ? timestampUs : 0;
        }
        recordingOriginUs = timestampUs;
    }

    /**
     * Adds an event on an input channel.
     *
     * @param timestampUs microseconds since the session started (or was reset); earlier than 0 counts as 0
     * @param channel     input channel in [0, model.inputChannels())
     * @throws IllegalArgumentException when the channel is out of range, or time jumps beyond the horizon while the
     *                                  network is busy
     */
    public void push(long timestampUs, int channel) {
        if (channel < 0 || channel >= inputChannels) {
            throw new IllegalArgumentException("input channel must be in [0, " + inputChannels + "), was " + channel);
        }
        add(Math.max(0, timestampUs), channel);
    }

    private void add(long t, int channel) {
        if (t <= nowEndUs - usPerTick) {
            lateEvents++;
            if (!dropLate) {
                engine.input(channel);
            }
            return;
        }
        if (!watermark) {
            if (t > latestUs) {
                latestUs = t;
            }
            if (t > nowEndUs) { // a later tick: the ticks before it are complete (one division per new tick only)
                runUntil(tickOf(t));
            }
            engine.input(channel);
            return;
        }
        if (t > latestUs) {
            latestUs = t;
            runUntil(completeTickAt(t - budgetUs));
        }
        long tick = tickOf(t);
        if (tick == now) {
            engine.input(channel);
        } else {
            hold(tick, channel);
        }
    }

    /**
     * Watermark mode: keeps an event of a tick after {@link #now} until that tick is filled, in a ring of per-tick
     * buckets (the budget spans at most {@code buckets.length - 1} ticks ahead of the watermark).
     */
    private void hold(long tick, int channel) {
        int b = (int) (tick % buckets.length);
        boolean[] marked = bucketMarks[b];
        if (!marked[channel]) {
            marked[channel] = true;
            buckets[b][bucketCounts[b]++] = channel;
            held++;
        }
    }

    /** Moves the events held for the tick about to be simulated into the engine's input. */
    private void release(long tick) {
        int b = (int) (tick % buckets.length);
        int m = bucketCounts[b];
        int[] bucket = buckets[b];
        boolean[] marked = bucketMarks[b];
        for (int k = 0; k < m; k++) {
            engine.input(bucket[k]);
            marked[bucket[k]] = false;
        }
        bucketCounts[b] = 0;
        held -= m;
    }

    /** The first tick not yet complete at time t: every tick whose end is <= t is complete. */
    private long completeTickAt(long t) {
        if (t < 0) {
            return 0;
        }
        return tickOf(t) + (t % usPerTick == 0 ? 1 : 0);
    }

    /**
     * Declares that {@code timestampUs} (since the origin) has passed: every tick whose input is complete is
     * simulated (with {@link LatePolicy#WATERMARK}, up to that time minus the lateness budget). A time before one
     * already declared changes nothing.
     */
    public void advanceTo(long timestampUs) {
        if (timestampUs < latestUs) {
            return;
        }
        latestUs = timestampUs;
        runUntil(completeTickAt(watermark ? timestampUs - budgetUs : timestampUs));
    }

    /**
     * Simulates the rest of the model's decision window: every tick before {@link SnnModel#ticks()} (events pushed
     * for later ticks have already moved time on and are not undone). After the events of one recording this is the
     * window {@code eval} simulates.
     */
    public void finishWindow() {
        runUntil(model.ticks());
    }

    /**
     * Simulates every tick before {@code tick}, jumping over idle gaps: a gap of at least {@link #JUMP_MIN} ticks is
     * simulated only until the network is at rest. A gap beyond the horizon is refused when the network does not
     * come to rest within {@link #SETTLE_MAX} ticks (a bias keeps it busy for ever).
     */
    private void runUntil(long tick) {
        long gap = tick - now;
        if (gap <= 0) {
            return;
        }
        if (gap > horizonTicks && !(held == 0 && engine.isAtRest())) {
            for (int k = 0; k < SETTLE_MAX && !(held == 0 && engine.isAtRest()); k++) {
                stepTick();
            }
            if (!(held == 0 && engine.isAtRest())) {
                throw new IllegalArgumentException("time jumps " + (tick - now) * usPerTick / 1e6 + " s ahead while "
                        + "the network is busy, beyond the session's horizon of " + options.horizonUs() / 1e6
                        + " s (timestamps of another time base? see SessionOptions.horizonUs)");
            }
        }
        while (now < tick) {
            if (tick - now >= JUMP_MIN && held == 0 && engine.isAtRest()) {
                jump(tick);
                return;
            }
            stepTick();
        }
    }

    /** Moves time to {@code tick} over ticks without input on a network at rest. */
    private void jump(long tick) {
        long gap = tick - now;
        engine.restartAt(1 + (int) (tick % engine.ringTicks()));
        now = tick;
        nowEndUs = (now - firstTick) * usPerTick;
        decayEvidence(gap);
    }

    /** Simulates the current tick with the input pushed for it, then moves to the next tick. */
    void stepTick() {
        if (engine.now() >= REBASE * 2) {
            engine.rebase(REBASE);
        }
        long t = now;
        if (held > 0) {
            release(t);
        }
        engine.stepTick();
        now++;
        nowEndUs += usPerTick;
        if (output < 0) {
            return;
        }
        int m = engine.lastTickSpikes(output);
        if (window != null) {
            int[] slot = window[(int) (t % windowTicks)];
            for (int k = 0; k < classes; k++) {
                evidence[k] -= slot[k];
                slot[k] = 0;
            }
        } else if (keep != 1 && bestEvidence > 0) {
            decayEvidence(1);
        }
        if (m > 0) {
            engine.copyLastTickSpikes(output, outBuf);
            for (int j = 0; j < m; j++) {
                int k = outBuf[j];
                outCounts[k]++;
                evidence[k] += 1;
                if (window != null) {
                    window[(int) (t % windowTicks)][k]++;
                }
            }
            if (listener != null) {
                listener.onOutputSpikes(t, outBuf, m);
            }
        }
        if (m > 0 || window != null || keep != 1) {
            decide();
        }
    }

    /** The decay of {@code ticks} ticks (the window rule forgets everything after a whole window). */
    private void decayEvidence(long ticks) {
        if (window != null) {
            if (ticks >= windowTicks) {
                for (int[] w : window) {
                    Arrays.fill(w, 0);
                }
                Arrays.fill(evidence, 0);
            }
        } else if (keep != 1) {
            double f = ticks == 1 ? keep : Math.pow(keep, (double) ticks);
            for (int k = 0; k < classes; k++) {
                evidence[k] *= f;
            }
        }
        decide();
    }

    private void decide() {
        int best = NO_OUTPUT_SPIKES;
        double b = 0;
        double second = 0;
        for (int k = 0; k < classes; k++) {
            double e = evidence[k];
            if (e > b) {
                second = b;
                b = e;
                best = k;
            } else if (e > second) {
                second = e;
            }
        }
        bestClass = b > 1e-9 ? best : NO_OUTPUT_SPIKES;
        bestEvidence = b;
        secondEvidence = second;
    }

    /** Adds a spike of input channel {@code channel} to the current tick (tests drive ticks directly). */
    void input(int channel) {
        engine.input(channel);
    }

    /** The output neuron with most evidence, ties to the lowest index; {@link #NO_OUTPUT_SPIKES} if none. */
    public int currentClass() {
        return bestClass;
    }

    /**
     * The decision's margin: (best evidence - second best) / best evidence, in [0, 1]; 0 when there is no class,
     * 1 when only one output neuron has evidence.
     */
    public double confidence() {
        return bestEvidence > 1e-9 ? (bestEvidence - secondEvidence) / bestEvidence : 0;
    }

    /** Events that arrived for a tick already simulated (dropped or clamped, as the late policy says). */
    public long lateEvents() {
        return lateEvents;
    }

    /** Spikes of output neuron {@code k} since the reset. */
    public int outputSpikes(int k) {
        return outCounts[k];
    }

    /** Copies the output spike counts since the reset into {@code dst} (written, length &gt;= classes). */
    public int[] copyOutputSpikes(int[] dst) {
        System.arraycopy(outCounts, 0, dst, 0, outCounts.length);
        return dst;
    }

    /** Copies the decision evidence per output neuron into {@code dst} (written, length &gt;= classes). */
    public double[] copyEvidence(double[] dst) {
        System.arraycopy(evidence, 0, dst, 0, evidence.length);
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

    /** Ticks simulated (or jumped over) since the reset. */
    public long ticksSimulated() {
        return now;
    }

    /** Integer mode: how often a current or membrane was clamped to the accumulator range (0 in float mode). */
    public long saturations() {
        return engine.saturations();
    }

    /** The kernels this session runs. */
    public Kernels kernels() {
        return kernels;
    }

    public SessionOptions options() {
        return options;
    }

    public SnnModel model() {
        return model;
    }
}
