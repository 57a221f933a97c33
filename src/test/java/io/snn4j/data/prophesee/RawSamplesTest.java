package io.snn4j.data.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.EventStats;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real Prophesee samples of {@code ../shared/datasets/event-samples}. Event counts are those the expelliarmus test
 * suite expects of the same files (219,596 and 539,481); the EVT 3.0 ON/OFF counts and x, y, p sequence agree with
 * expelliarmus's reference array of that file (its timestamps do not: it adds 4096 us whenever a TIME_LOW is below
 * the previous one, which this file's repeated time-high words trigger; we follow Prophesee's OpenEB decoder).
 */
class RawSamplesTest {
    static EventStats stats(EventSource s) throws IOException {
        EventStats.Accumulator acc = new EventStats.Accumulator();
        EventBatch batch = new EventBatch();
        try (s) {
            while (s.read(batch)) {
                acc.add(batch);
            }
        }
        return acc.result();
    }

    @Test
    void evt3Sample() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("evt3_sample.raw");
        RawEventSource source = (RawEventSource) EventSources.open(f, false);
        assertEquals(List.of("% Date 2020-09-25 07:48:29", "% evt 3.0", "% firmware_version 3.2.3",
                "% integrator_name Prophesee", "% plugin_name hal_plugin_gen41_evk3", "% serial_number 00000307",
                "% system_ID 48"), source.header().lines());
        assertEquals(166, source.header().dataStart()); // the README: a 166-byte header
        EventStats s = stats(source);
        assertEquals(219_596, s.count());
        assertEquals(115_532, s.onCount());
        assertEquals(104_064, s.offCount());
        assertEquals(new EventStats.Event(11_718_656, 874, 200, 0), s.first()); // time high 2861 << 12, low 0
        assertEquals(new EventStats.Event(11_727_457, 1218, 572, 1), s.last());
        assertEquals(0, s.minX());
        assertEquals(1279, s.maxX());
        assertEquals(0, s.minY());
        assertEquals(719, s.maxY());
        assertEquals(0, s.backwardSteps());
        assertEquals(0, s.triggerCount());
    }

    @Test
    void evt2Sample() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("evt2_sample.raw");
        RawEventSource source = (RawEventSource) EventSources.open(f, false);
        assertEquals(164, source.header().dataStart());
        assertEquals(640, source.width());
        EventStats s = stats(source);
        assertEquals(539_481, s.count());
        assertEquals(367_855, s.onCount());
        assertEquals(new EventStats.Event(1_317_888, 237, 121, 1), s.first());
        assertEquals(new EventStats.Event(1_367_888, 210, 142, 1), s.last());
        assertEquals(60, s.minX());
        assertEquals(599, s.maxX());
        assertEquals(18, s.minY());
        assertEquals(475, s.maxY());
        assertEquals(0, s.backwardSteps());
        assertEquals(0, s.triggerCount());
    }

    @Test
    void aStreamCutIntoPiecesDecodesAsTheWholeFile() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("evt3_sample.raw");
        EventStats whole = stats(EventSources.open(f, false));
        try (InputStream in = Files.newInputStream(f)) {
            EventStats trickled = stats(new RawEventSource(RawWords.trickle(in), f.toString(), false));
            assertEquals(whole, trickled);
        }
    }
}
