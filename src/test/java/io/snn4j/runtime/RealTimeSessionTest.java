package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sessions in real time: late events, device clocks, sessions past 2^31 ticks, time jumps, decisions over time. */
class RealTimeSessionTest {
    private static final ChannelLayout NMNIST = ChannelLayout.nmnist();

    /** A network with a bias: never at rest. */
    static SnnModel busy() {
        LifParameters lif = new LifParameters(64, 8, 0, 15, false, 2, 0.05);
        return SessionTest.model(new NetworkSpec("busy", 1000, 100, 1,
                List.of(PopulationSpec.input("in", Shape.flat(4)), PopulationSpec.lif("out", Shape.flat(2), lif)),
                List.of(new ProjectionSpec.Dense("w", 0, 1, 0, 1, new float[] {1, 1, 1, 1, 1, 1, 1, 1})), 0, 1));
    }

    static int[] play(Session s, EventStream ev, long offsetUs) {
        for (int i = 0; i < ev.size(); i++) {
            s.push(ev.timestampUs(i) + offsetUs, NMNIST.channel(ev.x(i), ev.y(i), ev.polarity(i)));
        }
        s.advanceTo(ev.timestampUs(ev.size() - 1) + offsetUs + 5_000);
        return s.copyOutputSpikes(new int[10]);
    }

    @Test
    void lateEventsAreCountedAndNeverThrow() {
        SnnModel m = SessionTest.model(SessionTest.network(6));
        for (LatePolicy p : new LatePolicy[] {LatePolicy.DROP, LatePolicy.CLAMP}) {
            Session s = m.newSession(SessionOptions.defaults().withLate(p, 0));
            s.push(5_000, 3);
            // 10 ms completes the ticks up to the one of (9000, 9600] us; the tick of (9600, 10200] is being filled
            s.advanceTo(10_000);
            s.push(4_000, 3);
            s.push(9_600, 4);
            s.push(9_601, 5);
            s.push(10_001, 5);
            assertEquals(2, s.lateEvents(), p.name());
        }
    }

    @Test
    void aWatermarkLandsEventsThatArriveUpToItsBudgetLateInTheirOwnTick() {
        SnnModel m = SessionTest.model(SessionTest.network(6));
        EventStream ev = SessionTest.recording(3);
        int[] expected = play(m.newSession(), ev, 0);
        assertTrue(java.util.Arrays.stream(expected).sum() > 0, "the reference should spike");
        // the camera's events reach the host 2 ms late with up to 1.5 ms of jitter (so out of order), and a 1 kHz
        // host loop declares its clock between them
        Session s = m.newSession(SessionOptions.defaults().withLate(LatePolicy.WATERMARK, 4_000));
        SplittableRandom rng = new SplittableRandom(9);
        int n = ev.size();
        long[] arrival = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            arrival[i] = ev.timestampUs(i) + 2_000 + rng.nextInt(1_500);
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(arrival[a], arrival[b]));
        long hostMs = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            while (hostMs * 1000 + 1000 <= arrival[i]) {
                hostMs++;
                s.advanceTo(hostMs * 1000 - 2_000); // the host's clock, in camera time, as far as it knows
            }
            s.push(ev.timestampUs(i), NMNIST.channel(ev.x(i), ev.y(i), ev.polarity(i)));
        }
        s.advanceTo(ev.timestampUs(n - 1) + 5_000 + 4_000);
        assertEquals(0, s.lateEvents());
        assertArrayEquals(expected, s.copyOutputSpikes(new int[10]));
        // the same stream with the default policy loses the tick of the late events but never throws
        Session clamp = m.newSession();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            clamp.push(ev.timestampUs(i), NMNIST.channel(ev.x(i), ev.y(i), ev.polarity(i)));
        }
        assertTrue(clamp.lateEvents() > 0);
    }

    @Test
    void unixMicrosecondTimestampsAndSessionsPast2To31TicksGiveTheSameSpikes() {
        SnnModel m = SessionTest.model(SessionTest.network(6));
        EventStream ev = SessionTest.recording(4);
        int[] expected = play(m.newSession(), ev, 0);
        // a device clock in Unix microseconds (a multiple of the tick length apart, so the binning phase is equal)
        long unix = 1_765_000_000_000_000L / 600 * 600;
        Session s = m.newSession();
        int[] got = play(s, ev, unix);
        assertArrayEquals(expected, got);
        assertTrue(s.ticksSimulated() > 1L << 31, "ticks " + s.ticksSimulated());
        // and again after 2^31 more ticks of silence within the same session: the network answers as at first
        int[] twice = play(s, ev, unix + (3L << 31) * 600);
        for (int k = 0; k < 10; k++) {
            assertEquals(2 * expected[k], twice[k], "neuron " + k);
        }
    }

    @Test
    void aTimeJumpBeyondTheHorizonOfABusyNetworkIsAClearErrorNotAHang() {
        Session s = busy().newSession(SessionOptions.defaults().withHorizonUs(10_000_000));
        s.push(0, 1);
        s.advanceTo(5_000_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.push(1_765_000_000_000_000L, 1));
        assertTrue(e.getMessage().contains("beyond the session's horizon of 10.0 s"), e.getMessage());
        assertTrue(s.ticksSimulated() <= 5_002 + 10_000, "the refused jump stopped after settling: "
                + s.ticksSimulated());
    }

    @Test
    void slidingWindowAndDecayForgetWhatTheCumulativeRuleKeeps() {
        SnnModel m = SessionTest.model(SessionTest.network(6));
        EventStream ev = SessionTest.recording(5);
        Session cumulative = m.newSession();
        Session window = m.newSession(SessionOptions.defaults().withDecision(new DecisionRule.Window(50_000)));
        Session decay = m.newSession(SessionOptions.defaults().withDecision(new DecisionRule.Decay(20_000)));
        long[] seen = new long[1];
        window.setOutputListener((tick, neurons, count) -> seen[0] += count);
        for (Session s : new Session[] {cumulative, window, decay}) {
            play(s, ev, 0);
        }
        int c = cumulative.currentClass();
        assertTrue(c >= 0, "the recording should make output spikes");
        assertEquals(java.util.Arrays.stream(cumulative.copyOutputSpikes(new int[10])).sum(), seen[0]);
        // 200 ms of silence: the cumulative class stays, the window and the decay forget it
        long end = ev.timestampUs(ev.size() - 1) + 205_000;
        for (Session s : new Session[] {cumulative, window, decay}) {
            s.advanceTo(end);
        }
        assertEquals(c, cumulative.currentClass());
        assertEquals(Session.NO_OUTPUT_SPIKES, window.currentClass());
        assertTrue(decay.copyEvidence(new double[10])[c] < 1e-3 * cumulative.outputSpikes(c) + 1e-9);
        assertTrue(cumulative.confidence() > 0 && cumulative.confidence() <= 1);
        assertEquals(0, window.confidence());
    }

    @Test
    void decisionRulesParse() {
        assertEquals(new DecisionRule.Window(100_000), DecisionRule.parse("window:100"));
        assertEquals(new DecisionRule.Decay(2_500), DecisionRule.parse("decay:2.5"));
        assertEquals(new DecisionRule.Cumulative(), DecisionRule.parse("cumulative"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.parse("mode"));
        assertTrue(e.getMessage().contains("must be cumulative, window:MS or decay:MS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecisionRule.parse("window:-1"));
    }
}
