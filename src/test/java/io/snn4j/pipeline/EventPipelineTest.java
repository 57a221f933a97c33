package io.snn4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.data.encode.PipelineEncoder;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.transform.SaccadeStabilization;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventPipelineTest {
    /** The golden 1.3 file's pipeline: a 10 x 10 sensor, time from the first event, downsample 2, merged, row-major. */
    static EventPipeline golden() throws IOException {
        InputPipelineProto p = ModelFiles.read(Path.of("src/test/resources/golden/export/bars-1.3-pipeline.pb"))
                .getInputPipeline();
        return EventPipeline.of(p, 25);
    }

    @Test
    void mapsHandComputedEventsOfTheGoldenPipeline() throws IOException {
        EventPipeline p = golden();
        assertTrue(p.timeFromFirstEvent());
        // (7, 3) / 2 = (3, 1); row-major on 5 x 5: 1 * 5 + 3 = 8; polarities merged
        assertEquals(8, p.channel(0, 7, 3, 0));
        assertEquals(8, p.channel(0, 6, 2, 1));
        assertEquals(24, p.channel(0, 9, 9, 1));
        // tick = ceil(t / 1000) + 1
        assertEquals(1, p.tick(0));
        assertEquals(2, p.tick(1));
        assertEquals(2, p.tick(1000));
        assertEquals(3, p.tick(1500));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.channel(0, 10, 0, 1));
        assertTrue(e.getMessage().contains("not on the model's 10 x 10 sensor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.channel(0, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> p.tick(-1));
    }

    @Test
    void cropDropsEventsOutsideTheWindowAndMovesItsCorner() {
        InputPipelineProto p = InputPipelineProto.newBuilder().setUsPerTick(600).setFirstTick(1)
                .setEvents(EventPipelineProto.newBuilder().setSensorWidth(320).setSensorHeight(240)
                        .setTimeOrigin(EventPipelineProto.TimeOrigin.FIRST_EVENT).setCropX(41).setCropY(1)
                        .setCropWidth(238).setCropHeight(238).setDownsample(7)
                        .setPolarity(EventPipelineProto.Polarity.SEPARATE)
                        .setChannelMapping(EventPipelineProto.ChannelMapping.COLUMN_MAJOR)).build();
        EventPipeline e = EventPipeline.of(p, 2312);
        assertEquals(-1, e.channel(0, 40, 100, 1));
        assertEquals(-1, e.channel(0, 279, 100, 1));
        assertEquals(-1, e.channel(0, 100, 0, 1));
        // (41, 1) is the window's corner: channel 0 (ON), 1156 (OFF); (278, 238) -> (237, 237) / 7 = (33, 33)
        assertEquals(0, e.channel(0, 41, 1, 1));
        assertEquals(1156, e.channel(0, 41, 1, 0));
        assertEquals(33 * 34 + 33, e.channel(0, 278, 238, 1));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> EventPipeline.of(p, 2000));
        assertTrue(bad.getMessage().contains("gives 2312 channels (34 x 34 x 2), the input population has 2000"),
                bad.getMessage());
    }

    @Test
    void saccadeCompensationMovesEventsAsTheDataTransformDoes() {
        EventPipeline p = EventPipeline.of(InputPipelines.nmnist(), 2312);
        SplittableRandom rng = new SplittableRandom(5);
        int n = 20_000;
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] pol = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 16L;
            x[i] = (short) rng.nextInt(34);
            y[i] = (short) rng.nextInt(34);
            pol[i] = (byte) rng.nextInt(2);
        }
        EventStream ev = EventStream.of(34, 34, t, x, y, pol);
        InputSpikes expected = EventBinning.nmnistReference().bin(SaccadeStabilization.nmnist().apply(ev,
                new SplittableRandom(0)));
        InputSpikes actual = new PipelineEncoder(p, 540).encode(ev);
        assertSame(expected, actual);
    }

    static void assertSame(InputSpikes expected, InputSpikes actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.tick(i), actual.tick(i), "spike " + i);
            assertEquals(expected.channel(i), actual.channel(i), "spike " + i);
        }
    }

    @Test
    void realRecordingsGiveTheSpikesOfTheFormerStabiliseAndBinPath() throws IOException {
        Path dir = SharedDatasets.require("nmnist-small");
        EventPipeline p = EventPipeline.of(InputPipelines.nmnist(), 2312);
        NmnistReader reader = new NmnistReader();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(q -> q.toString().endsWith(".bs2")).sorted().limit(100).toList()) {
                EventStream ev = reader.read(f).events();
                assertSame(EventBinning.nmnistReference().bin(SaccadeStabilization.nmnist().apply(ev,
                        new SplittableRandom(0))), new PipelineEncoder(p, 540).encode(ev));
                files++;
            }
        }
        assertEquals(100, files);
    }
}
