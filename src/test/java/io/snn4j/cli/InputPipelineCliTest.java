package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.runtime.SnnModel;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input pipeline on the command line: re-targeting a model to another camera, and a checkpoint loaded by mistake.
 */
class InputPipelineCliTest {
    @TempDir
    Path dir;

    @Test
    void aDvxplorerRecordingRunsThroughA34x34ModelWithTheCropAndDownsampleItDeclares() throws IOException {
        Path sample = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        Path model = dir.resolve("dvx.pb");
        CliTest.Run x = CliTest.run("export", "--model", "models/nmnist-mlp.textproto", "--target", "float",
                "--pipeline", "sensor=320x240,origin=first-event,saccades=none,crop=41:1:238:238,downsample=7",
                "--out", model.toString());
        assertEquals(0, x.code(), x.err());
        ModelProto p = ModelFiles.read(model);
        EventPipelineProto e = p.getInputPipeline().getEvents();
        assertEquals(320, e.getSensorWidth());
        assertEquals(7, e.getDownsample());
        assertEquals("xy_on_off".equals(p.getInputEncoding().getChannelMapping()), false);
        CliTest.Run r = CliTest.run("run", "--model", model.toString(), "--input", sample.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pipeline     events from a 320 x 240 sensor, time from the first event, crop "
                + "(41, 1) 238 x 238, downsample 7"), r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("final class: (none|[0-9])"), lines[lines.length - 1]);
        CliTest.Run s = CliTest.run("simulate", "--model", model.toString(), "--input", sample.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("through the model's input pipeline"), s.out());
        // without the re-targeting the sensor does not fit, and the message says how to fix it
        CliTest.Run wrong = CliTest.run("run", "--model", "models/nmnist-mlp.textproto", "--input", sample.toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("320 x 240 sensor gives 153600 channels"), wrong.err());
    }

    @Test
    void badPipelineSettingsAreUsageErrorsNamingTheSetting() {
        CliTest.Run r = CliTest.run("export", "--model", "models/nmnist-mlp.textproto", "--target", "float",
                "--pipeline", "sensor=320x240,downsample=7", "--out", dir.resolve("m.pb").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--pipeline: input_pipeline.events gives 3220 channels (46 x 35 x 2), the input "
                + "population has 2312"), r.err());
        r = CliTest.run("export", "--model", "models/nmnist-mlp.textproto", "--target", "float", "--pipeline",
                "zoom=2", "--out", dir.resolve("m.pb").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--pipeline: unknown setting 'zoom'"), r.err());
    }

    @Test
    void aCheckpointLoadedAsAModelSaysSo() throws IOException {
        Path run = dir.resolve("run");
        CliTest.Run t = CliTest.run("train", "--data", "builtin:100", "--limit", "20", "--test-limit", "10",
                "--out", run.toString(), "--no-progress");
        assertEquals(0, t.code(), t.err());
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> SnnModel.load(run.resolve("checkpoint.pb")));
        assertTrue(e.getMessage().contains("this is a training checkpoint"), e.getMessage());
        SnnModel m = SnnModel.load(run.resolve("model.pb"));
        assertEquals("rate", m.inputPipeline().getImage().getEncoder());
        assertTrue(m.provenance().getAccuracy() >= 0 && m.provenance().getAccuracy() <= 1);
        CliTest.Run ev = CliTest.run("eval", "--model", run.resolve("checkpoint.pb").toString());
        assertEquals(1, ev.code());
        assertTrue(ev.err().contains("this is a training checkpoint"), ev.err());
    }
}
