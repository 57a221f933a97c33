package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.proto.ProvenanceProto;
import io.snn4j.pipeline.InputPipelines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's control-loop example, run against a simulated camera with latency and jitter: the host polls every
 * millisecond and receives the events whose (latency + jitter) has passed, with the camera's own timestamps. Driven
 * on the device clock (advanceTo the latest device time heard of) and on the host clock (advanceTo the host's time,
 * ahead of the events by the latency) with a lateness budget, the loop decides as the offline run of the recording.
 */
class RobotLoopExampleTest {
    private static final long LATENCY_US = 2_000;
    private static final int JITTER_US = 1_500;

    @TempDir
    Path dir;

    record Event(long timestampUs, int x, int y, int polarity) {
    }

    /** A camera 2 ms (+ up to 1.5 ms of jitter) away from the host, polled once per host millisecond. */
    static final class Camera {
        private final EventStream events;
        private final long[] arrival;
        private final Integer[] order;
        private int next;
        private long hostUs;
        private long latestDeviceUs;

        Camera(EventStream events, long seed) {
            this.events = events;
            SplittableRandom rng = new SplittableRandom(seed);
            arrival = new long[events.size()];
            order = new Integer[events.size()];
            for (int i = 0; i < arrival.length; i++) {
                arrival[i] = events.timestampUs(i) + LATENCY_US + rng.nextInt(JITTER_US);
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(arrival[a], arrival[b]));
        }

        List<Event> poll() {
            hostUs += 1_000;
            List<Event> out = new ArrayList<>();
            while (next < order.length && arrival[order[next]] <= hostUs) {
                int i = order[next++];
                out.add(new Event(events.timestampUs(i), events.x(i), events.y(i), events.polarity(i)));
                latestDeviceUs = Math.max(latestDeviceUs, events.timestampUs(i));
            }
            return out;
        }

        /** The host's clock in the camera's time base (the clocks are synchronised). */
        long hostMicros() {
            return hostUs;
        }

        long latestDeviceMicros() {
            return latestDeviceUs;
        }

        boolean running() {
            return hostUs < 330_000;
        }
    }

    int loop(SnnModel model, Session session, Camera camera, boolean hostClock) {
        int decision = Session.NO_OUTPUT_SPIKES;
        while (camera.running()) {
            for (Event e : camera.poll()) {                        // x, y, polarity, the camera's microseconds
                session.pushEvent(e.timestampUs(), e.x(), e.y(), e.polarity());
            }
            session.advanceTo(hostClock ? camera.hostMicros() : camera.latestDeviceMicros());
            decision = session.currentClass();                     // Session.NO_OUTPUT_SPIKES until an output fires
        }
        return decision;
    }

    @Test
    void controlLoopReachesTheOfflineDecisionOnTheDeviceClockAndOnTheHostClock() throws IOException {
        Path modelFile = dir.resolve("model.pb");
        ModelFiles.writeBinary(ModelWriter.trained(SessionTest.network(8), Map.of(),
                ProvenanceProto.newBuilder().setAccuracy(0.5).build(), InputPipelines.nmnist()), modelFile);
        EventStream recording = SessionTest.recording(8);
        SnnModel model = SnnModel.load(modelFile);

        Session offline = model.newSession(io.snn4j.backend.KernelProvider.scalar());
        for (int i = 0; i < recording.size(); i++) {
            offline.pushEvent(recording.timestampUs(i), recording.x(i), recording.y(i), recording.polarity(i));
        }
        offline.advanceTo(330_000);
        int[] expected = offline.copyOutputSpikes(new int[10]);
        assertTrue(offline.currentClass() != Session.NO_OUTPUT_SPIKES);

        // device clock: time advances as far as the camera's events say; jitter reorders events within 1.5 ms
        Session device = model.newSession(SessionOptions.defaults().withLate(LatePolicy.WATERMARK, JITTER_US));
        assertEquals(offline.currentClass(), loop(model, device, new Camera(recording, 1), false));
        assertEquals(0, device.lateEvents());
        device.advanceTo(330_000 + JITTER_US);
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(device.copyOutputSpikes(
                new int[10])));

        // host clock: the host's time runs 2-3.5 ms ahead of the events it has; a budget of 4 ms keeps every event
        Session host = model.newSession(SessionOptions.defaults().withLate(LatePolicy.WATERMARK, 4_000));
        assertEquals(offline.currentClass(), loop(model, host, new Camera(recording, 2), true));
        assertEquals(0, host.lateEvents());

        // without a budget the host clock makes events late: they are counted and clamped, never an exception
        Session clamp = model.newSession();
        loop(model, clamp, new Camera(recording, 3), true);
        assertTrue(clamp.lateEvents() > recording.size() / 2, "late events: " + clamp.lateEvents());
    }
}
