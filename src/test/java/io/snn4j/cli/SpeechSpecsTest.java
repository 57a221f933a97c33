package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.model.proto.InputPipelineProto;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeechSpecsTest {
    @Test
    void parsesFolderAndOptions() {
        SpeechSpecs.Parsed p = SpeechSpecs.parse("fsdd:/data/fsdd:holdout=lucas:encoder=poisson:skip-unknown");
        assertEquals("fsdd", p.corpus());
        assertEquals(Path.of("/data/fsdd"), p.dir());
        assertEquals(Map.of("holdout", "lucas", "encoder", "poisson", "skip-unknown", ""), p.options());
        SpeechSpecs.Parsed t = SpeechSpecs.parse("ti46:/corpora/TI46:vocab=20");
        assertEquals(Path.of("/corpora/TI46"), t.dir());
        assertEquals(Map.of("vocab", "20"), t.options());
        // a colon inside the folder name stays in the folder
        assertEquals(Path.of("/data/a:b"), SpeechSpecs.parse("fsdd:/data/a:b").dir());
    }

    @Test
    void rejectsUnknownRepeatedAndMisplacedOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.parse("fsdd:/d:vocab=20"));
        assertEquals("data spec 'fsdd:/d:vocab=20': unknown option 'vocab=20' (a fsdd spec takes cache, encoder, "
                + "frontend, holdout, max, scale, segments, skip-unknown, step)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("ti46:/d:vocab=20:vocab=alpha"));
        assertEquals("data spec 'ti46:/d:vocab=20:vocab=alpha': option vocab given twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("ti46:/d:skip-unknown:x"));
        assertEquals("data spec 'ti46:/d:skip-unknown:x': unknown option 'x' (a ti46 spec takes cache, encoder, "
                + "frontend, max, scale, segments, skip-unknown, step, vocab)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs.parse("fsdd::holdout=x"));
        assertEquals("data spec 'fsdd::holdout=x': the folder is missing (fsdd:DIR)", e.getMessage());
    }

    @Test
    void buildsTheNamedFrontEndsAndEncoders() {
        SpeechSpecs.Pipeline ref = SpeechSpecs.pipeline(Map.of(), "s");
        assertEquals("lyon front-end (78 channels, 62.5 frames/s), bsa encoder (scale 2000.0)", ref.description());
        assertEquals(10, ref.ticksPerFrame());
        SpeechSpecs.Pipeline g = SpeechSpecs.pipeline(Map.of("frontend", "gammatone", "encoder", "poisson", "max",
                "2e-4"), "s");
        assertEquals("gammatone front-end (78 channels, 62.5 frames/s), poisson encoder (max 2.0E-4)",
                g.description());
        assertEquals(78, g.encoder().channelCount(g.frontEnd().channels()));
        assertEquals("lyon front-end (78 channels, 62.5 frames/s), delta encoder (step 1.0E-5)",
                SpeechSpecs.pipeline(Map.of("encoder", "delta", "step", "1e-5"), "s").description());
    }

    @Test
    void encoderSettingsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.pipeline(Map.of("encoder", "poisson"), "fsdd:d:encoder=poisson"));
        assertEquals("data spec 'fsdd:d:encoder=poisson': this encoder needs max=VALUE, the cochleagram value that "
                + "spikes with probability 0.5 per tick (Lyon reference values are about 1e-4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.pipeline(Map.of("step", "1"), "fsdd:d:step=1"));
        assertEquals("data spec 'fsdd:d:step=1': option step belongs to encoder=delta, the encoder is bsa",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.pipeline(Map.of("scale", "-3"), "fsdd:d:scale=-3"));
        assertEquals("data spec 'fsdd:d:scale=-3': scale must be a number > 0, was '-3'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpeechSpecs.pipeline(Map.of("frontend", "mel"), "fsdd:d:frontend=mel"));
        assertEquals("data spec 'fsdd:d:frontend=mel': frontend must be lyon or gammatone, was mel", e.getMessage());
    }

    @Test
    void timeSegmentsMultiplyTheChannelsAndAreRecorded() {
        SpeechSpecs.Pipeline p = SpeechSpecs.pipeline(Map.of("segments", "3"), "s");
        assertEquals("lyon front-end (78 channels, 62.5 frames/s), bsa encoder (scale 2000.0), 3 time segments",
                p.description());
        assertEquals(234, p.encoder().channelCount(p.frontEnd().channels()));
        assertEquals(3, p.settings().getTimeSegments());
        assertEquals(0, SpeechSpecs.pipeline(Map.of("segments", "1"), "s").settings().getTimeSegments());
        // a model trained with segments feeds its data with them; a spec that says otherwise is an error
        InputPipelineProto model = p.proto();
        SpeechSpecs.Parsed given = SpeechSpecs.withModelSettings(SpeechSpecs.parse("fsdd:/d"), model, "fsdd:/d");
        assertEquals("3", given.options().get("segments"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeechSpecs
                .withModelSettings(SpeechSpecs.parse("fsdd:/d:segments=2"), model, "fsdd:/d:segments=2"));
        assertEquals("data spec 'fsdd:/d:segments=2': segments=2 differs from the model's input pipeline "
                + "(segments=3)", e.getMessage());
        // a model without segments (older files too) takes none
        InputPipelineProto plain = SpeechSpecs.pipeline(Map.of(), "s").proto();
        assertEquals("1", SpeechSpecs.withModelSettings(SpeechSpecs.parse("fsdd:/d"), plain, "fsdd:/d").options()
                .get("segments"));
        for (String bad : new String[] {"0", "65", "x", "2.5"}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> SpeechSpecs.pipeline(Map.of("segments", bad), "fsdd:d:segments=" + bad));
            assertEquals("data spec 'fsdd:d:segments=" + bad + "': segments must be a whole number in 1..64, was "
                    + bad, e.getMessage());
        }
    }
}
