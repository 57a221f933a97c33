package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's control-loop example, run against a simulated camera and robot. */
class RobotLoopExampleTest {
    @TempDir
    Path dir;

    record Event(long timestampUs, int x, int y, int polarity) {
    }

    /** Replays a recording in 5 ms control periods, as a camera driver would hand events over. */
    static final class Camera {
        private final EventStream events;
        private int next;
        private long now;

        Camera(EventStream events) {
            this.events = events;
        }

        List<Event> poll() {
            now += 5_000;
            List<Event> out = new ArrayList<>();
            while (next < events.size() && events.timestampUs(next) <= now) {
                out.add(new Event(events.timestampUs(next), events.x(next), events.y(next), events.polarity(next)));
                next++;
            }
            return out;
        }

        long microsSinceStart() {
            return now;
        }

        boolean running() {
            return now < 330_000;
        }
    }

    @Test
    void controlLoopReachesTheSameDecisionAsTheOfflineRun() throws IOException {
        Path modelFile = dir.resolve("model.pb");
        ModelFiles.writeBinary(ModelWriter.toProto(SessionTest.network(8), Map.of()), modelFile);
        EventStream recording = SessionTest.recording(8);

        SnnModel model = SnnModel.load(modelFile);
        Session session = model.newSession();
        Camera camera = new Camera(recording);
        List<Integer> actions = new ArrayList<>();
        while (camera.running()) {
            for (Event e : camera.poll()) {
                session.push(e.timestampUs(), model.channel(e.x(), e.y(), e.polarity(), 34, 34));
            }
            session.advanceTo(camera.microsSinceStart());
            actions.add(session.currentClass());
        }

        Session offline = SessionTest.model(SessionTest.network(8)).newSession(io.snn4j.backend.KernelProvider.scalar());
        for (int i = 0; i < recording.size(); i++) {
            offline.push(recording.timestampUs(i), model.channel(recording.x(i), recording.y(i),
                    recording.polarity(i), 34, 34));
        }
        offline.advanceTo(camera.microsSinceStart());
        assertEquals(66, actions.size());
        assertEquals(offline.currentClass(), actions.get(actions.size() - 1));
        assertTrue(offline.currentClass() != Session.NO_OUTPUT_SPIKES);
    }
}
