package io.snn4j.engine;

import io.snn4j.event.CalendarQueue;
import io.snn4j.event.CheckCalendar;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.event.TouchSet;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import java.util.Arrays;

/**
 * The run loop of the {@link EventEngine}, shared by its float ({@link FloatEventLoop}) and integer
 * ({@link IntegerEventLoop}) modes: the event queue (spike deliveries and threshold checks), the input, the touched
 * neurons of every population, spike collection and scheduling, and the membrane traces. A mode supplies its neuron
 * state and the four steps that depend on it: {@link #deliver} (add one delivery group's weights to its
 * accumulators), {@link #update} (bring the neurons an event reached to tick t, threshold them, schedule their next
 * check), {@link #membrane} (a probed neuron's state) and {@link #resetState}/{@link #finish} around a run.
 *
 * <p>Threshold checks wait in a {@link CheckCalendar}, at most one per neuron: a mode schedules one with
 * {@link #check}, which moves the pending one (no stale entries pile up to be skipped later), or drops it with
 * {@link #cancelCheck}. Spike deliveries wait in a {@link CalendarQueue} and carry the projection, the source neuron,
 * the cursor of the next delay group and the tick of the spike.
 *
 * <p>All buffers are allocated at construction; a run allocates only its result. Not thread-safe.
 */
abstract class EventLoop {
    final CompiledNetwork net;
    final int populations;
    /** Per population, whether it is updated (a LIF population of this mode) rather than driven by the input. */
    private final boolean[] modelled;
    /** Per neuron, the tick its state is at the end of. */
    final int[] last;
    /** Per neuron, its last refractory tick (-1 when none). */
    final int[] until;
    /** Per neuron, its population. */
    private final int[] populationOf;
    private final int[] counts;
    /** Per population, the neurons an event reached this tick (local indices). */
    final TouchSet[] touched;
    private final int[][] spikes;
    private final int[] spikeCount;
    final CalendarQueue queue;
    /** Per neuron, its pending threshold check (the window is the delivery queue's). */
    final CheckCalendar checks;

    /**
     * @param integer whether the LIF populations are those with integer constants (integer mode) or with float ones
     */
    EventLoop(CompiledNetwork net, boolean integer) {
        this.net = net;
        populations = net.populationCount();
        int n = net.neuronCount();
        modelled = new boolean[populations];
        last = new int[n];
        until = new int[n];
        populationOf = new int[n];
        counts = new int[n];
        touched = new TouchSet[populations];
        spikes = new int[populations][];
        spikeCount = new int[populations];
        // the window covers the longest membrane time constant (capped), so that checks rarely overflow it
        double longestTau = 0;
        for (int p = 0; p < populations; p++) {
            spikes[p] = new int[net.size(p)];
            Arrays.fill(populationOf, net.offset(p), net.offset(p) + net.size(p), p);
            touched[p] = new TouchSet(net.size(p));
            modelled[p] = integer ? net.fixedConstants(p) != null : net.constants(p) != null;
            if (modelled[p]) {
                longestTau = Math.max(longestTau, net.spec().population(p).lif().tauMemTicks());
            }
        }
        int window = (int) Math.min(1 << 16, Math.max(Math.max(1024, 2L * net.maxDelay() + 2), (long) longestTau));
        queue = new CalendarQueue(window, 4 * n + 1024);
        checks = new CheckCalendar(queue.window(), n);
    }

    /** Whether population p is updated by this mode (it has its constants). */
    final boolean isModelled(int p) {
        return modelled[p];
    }

    final SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes) {
        RunSupport.checkRun(net, input, ticks, probes);
        int inputPop = net.spec().input();
        reset(ticks);
        SpikeRecord record = recordSpikes ? new SpikeRecord() : null;
        float[][] traces = new float[probes.length][ticks];
        int next = 0;
        final int inputs = input.size();
        int previous = 0;
        while (true) {
            int queued = Math.min(queue.nextTick(), checks.nextTick());
            int t = Math.min(next < inputs ? input.tick(next) : Integer.MAX_VALUE, queued);
            if (probes.length > 0) {
                // traced neurons are brought up to date every tick (not tick 0, which is dead: their state after it
                // is the reset one)
                t = Math.min(t, previous + 1);
                for (int k = 0; k < probes.length && t < ticks && t > 0; k++) {
                    int p = net.populationOf(probes[k]);
                    touched[p].add(probes[k] - net.offset(p));
                }
            }
            if (t >= ticks) {
                break;
            }
            previous = t;
            checks.open(t);
            for (int g = checks.take(); g >= 0; g = checks.take()) {
                int p = populationOf[g];
                touched[p].add(g - net.offset(p));
            }
            for (int e = queue.open(t); e >= 0; e = queue.next(e)) {
                arrive(queue.a(e), queue.b(e), queue.c(e), queue.d(e), ticks);
            }
            queue.advance();
            int k = 0;
            int[] inBuf = spikes[inputPop];
            while (next < inputs && input.tick(next) == t) {
                inBuf[k++] = input.channel(next++);
            }
            spikeCount[inputPop] = k;
            for (int p = 0; p < populations; p++) {
                if (modelled[p]) {
                    updateTouched(p, t, ticks);
                }
            }
            RunSupport.collect(net, t, spikes, spikeCount, counts, record);
            schedule(t, ticks);
            for (int q = 0; q < probes.length; q++) {
                traces[q][t] = membrane(probes[q]);
            }
        }
        long saturations = finish(ticks);
        return new SimulationResult(net, ticks, counts.clone(), record, traces, saturations);
    }

    private void reset(int ticks) {
        Arrays.fill(last, 0);
        Arrays.fill(until, -1);
        Arrays.fill(counts, 0);
        queue.clear(0);
        checks.clear(0);
        for (int p = 0; p < populations; p++) {
            touched[p].clear();
            spikeCount[p] = 0;
        }
        resetState(ticks);
    }

    /** A delivery entry reached its tick: add its weights, and schedule the source's next delay group. */
    private void arrive(int projection, int src, int cursor, int emitted, int ticks) {
        Connectivity conn = net.connectivity(projection);
        int nextCursor = deliver(conn, projection, src, cursor);
        if (nextCursor >= 0) {
            long at = (long) emitted + conn.groupDelay(src, nextCursor);
            if (at < ticks) {
                queue.push((int) at, projection, src, nextCursor, emitted);
            }
        }
    }

    /** Tick t (&gt;= 1) for every neuron of population p that an event reached. */
    private void updateTouched(int p, int t, int ticks) {
        TouchSet set = touched[p];
        int m = set.size();
        int spiked = 0;
        if (m > 0) {
            if (needsSortedTouches()) {
                set.sort();
            }
            spiked = update(p, set.rawList(), m, spikes[p], t, ticks);
            set.clear();
        }
        spikeCount[p] = spiked;
    }

    private void schedule(int t, int ticks) {
        for (int j = 0, m = net.projectionCount(); j < m; j++) {
            int src = net.source(j);
            int count = spikeCount[src];
            if (count == 0) {
                continue;
            }
            Connectivity conn = net.connectivity(j);
            int[] buf = spikes[src];
            for (int k = 0; k < count; k++) {
                int s = buf[k];
                int cursor = conn.firstGroup(s);
                if (cursor >= 0) {
                    long at = (long) t + conn.groupDelay(s, cursor);
                    if (at < ticks) {
                        queue.push((int) at, j, s, cursor, t);
                    }
                }
            }
        }
        for (int p = 0; p < populations; p++) {
            spikeCount[p] = 0;
        }
    }

    /**
     * Schedules a check of neuron g at tick {@code check} (after the current tick, less than the queue's window
     * ahead), replacing any pending one.
     */
    final void check(int g, int check) {
        checks.schedule(g, check);
    }

    /** Drops neuron g's pending check, if any. */
    final void cancelCheck(int g) {
        checks.cancel(g);
    }

    /**
     * Resets the mode's neuron state to the end of tick 0 (the shared per-neuron ticks, the queue and the touched sets
     * are reset already) and schedules the first checks.
     */
    abstract void resetState(int ticks);

    /**
     * Adds the weights of delivery group {@code cursor} of source {@code src} on {@code projection} to the target
     * population's accumulators, marking the targets touched.
     *
     * @return the cursor of the source's next delay group, or -1
     */
    abstract int deliver(Connectivity conn, int projection, int src, int cursor);

    /**
     * Whether {@link #update} needs the touched neurons in ascending order (else they come in the order events
     * reached them, which does not depend on anything but the run's inputs either).
     */
    boolean needsSortedTouches() {
        return true;
    }

    /**
     * Tick t (&gt;= 1) for the touched neurons of population p: catch up, integrate, threshold, schedule checks.
     *
     * @param list   read; the touched local indices in [0, m), ascending if {@link #needsSortedTouches}
     * @param out    written; the local indices of the neurons that spike, ascending
     * @return how many spiked
     */
    abstract int update(int p, int[] list, int m, int[] out, int t, int ticks);

    /** The membrane of neuron g at the end of the current tick, for a trace. */
    abstract float membrane(int g);

    /** Ends a run of {@code ticks} ticks, returning the accumulator saturations of the run (0 in float mode). */
    abstract long finish(int ticks);
}
