package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;

/**
 * The fully event-driven engine: a neuron is computed only at ticks where something reaches it, and brought there
 * from its last update by the closed form of the discrete dynamics, so its cost per event does not depend on how
 * many ticks passed (microsecond ticks are practical).
 *
 * <p>Closed form over n ticks without input (b = 1 - 1/tauMem, a_k = 1 - 1/tauSyn_k, g_k = 1/tauSyn_k, c = bias):
 * <pre>
 *   e_k(n) = a_k^n e_k
 *   v(n)   = b^n v + sum_k g_k e_k a_k (b^n - a_k^n) / (b - a_k) + c (1 - b^n) / (1 - b)
 * </pre>
 * with the refractory clamp applied first (v = 0 while refractory, currents decaying). State is kept in double.
 *
 * <p>Threshold crossings are scheduled, never searched tick by tick. After every update the engine computes a lower
 * bound on the next tick at which the neuron could cross threshold if nothing else arrived: while v stays at or above
 * its present value v0, each tick adds at most {@code D = (b - 1) v0 + sum_k g_k max(e_k, 0) a_k + c}, so no crossing
 * comes before {@code (threshold - v0) / D} ticks, and none ever when {@code D <= 0}. A check at that tick updates
 * the neuron (spiking if it crosses) and schedules the next check; the bounds converge on the crossing tick
 * quadratically. New input replaces a pending check when its bound is earlier.
 *
 * <p>Spike deliveries wait in a {@link io.snn4j.event.CalendarQueue} (one entry per spike, projection and delay group,
 * all within the queue's window, so a tick's deliveries keep their scheduling order); threshold checks in a
 * {@link io.snn4j.event.CheckCalendar}, at most one per neuron, moved when a neuron's bound changes. Within a tick,
 * the weights arriving at a neuron are summed in float in the same order as the stepped engine sums them. Results
 * equal the stepped engine's except where float and double rounding put a membrane on different sides of its
 * threshold (see the engine equivalence test).
 *
 * <p>Integer mode ({@link CompiledNetwork#isInteger}): the exact integer tick of
 * {@link io.snn4j.neuron.FixedLifConstants} has no closed form over skipped ticks, so neurons are caught up through the
 * integer recurrence when an event reaches them (tick by tick, or a run of ticks on which it is linear at once), and
 * their threshold crossings are scheduled from bounds on it ({@link IntegerEventLoop}); spikes, membranes and
 * saturation counts equal the stepped engine's integer mode.
 *
 * <p>Both modes share one run loop ({@link EventLoop}); the float mode is {@link FloatEventLoop}. Not thread-safe.
 */
public final class EventEngine implements Engine {
    private final EventLoop loop;

    public EventEngine(CompiledNetwork net) {
        loop = net.isInteger() ? new IntegerEventLoop(net) : new FloatEventLoop(net);
    }

    @Override
    public String name() {
        return loop instanceof IntegerEventLoop ? "event (integer mode)" : "event";
    }

    @Override
    public SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes) {
        return loop.run(input, ticks, recordSpikes, probes);
    }
}
