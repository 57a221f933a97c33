package example;

import io.snn4j.runtime.DecisionRule;
import io.snn4j.runtime.LatePolicy;
import io.snn4j.runtime.Session;
import io.snn4j.runtime.SessionOptions;
import io.snn4j.runtime.SnnModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The README's control loop in a project of its own: a simulated camera (a 10 x 10 sensor showing a horizontal bar
 * in rows 4 and 5, with background noise, reaching the host 2 ms late with jitter) feeds a session once per host
 * millisecond; the robot acts on the current class.
 */
public final class RobotLoop {
    record Event(long timestampUs, int x, int y, int polarity) {
    }

    /** The camera: events of the next host millisecond, 2 ms late plus up to 1 ms of jitter, in arrival order. */
    static final class Camera {
        private final List<Event> events = new ArrayList<>();
        private final List<Long> arrivals = new ArrayList<>();
        private int next;
        private long hostUs;

        Camera(long seed, long firstTimestampUs) {
            SplittableRandom rng = new SplittableRandom(seed);
            List<long[]> all = new ArrayList<>();
            for (int ms = 0; ms < 100; ms++) {
                for (int y = 0; y < 10; y++) {
                    for (int x = 0; x < 10; x++) {
                        double p = y == 4 || y == 5 ? 0.25 : 0.02;
                        if (rng.nextDouble() < p) {
                            long t = firstTimestampUs + ms * 1000L + rng.nextInt(1000);
                            all.add(new long[] {t + 2000 + rng.nextInt(1000), t, x, y, rng.nextInt(2)});
                        }
                    }
                }
            }
            all.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] e : all) {
                arrivals.add(e[0] - firstTimestampUs);
                events.add(new Event(e[1], (int) e[2], (int) e[3], (int) e[4]));
            }
        }

        List<Event> poll() {
            hostUs += 1000;
            List<Event> out = new ArrayList<>();
            while (next < events.size() && arrivals.get(next) <= hostUs) {
                out.add(events.get(next++));
            }
            return out;
        }

        boolean running() {
            return hostUs < 110_000;
        }
    }

    /** Runs the loop on the model file and returns the last decision. */
    public static int run(Path modelFile, long seed) throws IOException {
        SnnModel model = SnnModel.load(modelFile);
        Session session = model.newSession(SessionOptions.defaults()
                .withLate(LatePolicy.WATERMARK, 4_000)
                .withDecision(new DecisionRule.Window(100_000)));
        session.warmUp();
        long deviceClockAtStart = 1_765_000_000_000_000L; // the camera's clock: Unix microseconds
        Camera camera = new Camera(seed, deviceClockAtStart);
        int decision = Session.NO_OUTPUT_SPIKES;
        while (camera.running()) {
            for (Event e : camera.poll()) {
                session.pushEvent(e.timestampUs(), e.x(), e.y(), e.polarity());
            }
            decision = session.currentClass();
        }
        return decision;
    }

    public static void main(String[] args) throws IOException {
        int c = run(Path.of(args[0]), 1);
        System.out.println("final class: " + (c == Session.NO_OUTPUT_SPIKES ? "none" : c));
    }
}
