package io.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.model.proto.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingSettingsTest {
    @TempDir
    Path dir;

    /** A small valid network in text form, followed by {@code training}. */
    private Path model(String training) throws IOException {
        Path f = dir.resolve("m.textproto");
        Files.writeString(f, """
                format_version: 1
                name: "tiny"
                us_per_tick: 1000
                ticks: 20
                seed: 3
                feed_forward {
                  input { channels: 1 height: 1 width: 4 }
                  layers { name: "out" threshold: 1 dense { size: 2 init_range: 1 } }
                }
                """ + training);
        return f;
    }

    @Test
    void aHandWrittenTrainingSectionGivesItsTypedValues() throws IOException {
        Path f = model("""
                training {
                  lambda: 0
                  beta: 0.01
                  weight_limit: 4.5
                  learning_rate: 0.004
                  learning_rate_schedule: INVERSE_SQRT_EPOCH
                  mode: MINIBATCH
                  batch_size: 16
                  epochs: 12
                  seed: 99
                  boosting: false
                  effect_ratio: true
                  desired_spikes: 30
                  undesired_spikes: 4
                  margin: 3
                  shuffle: true
                  augmentation { shift_px: 2 drop_probability: 0.1 }
                  backprop: "meprop:10"
                  optimizer: "sgd:momentum=0.9"
                }
                """);
        TrainingSettings s = ModelFiles.trainingSettings(ModelFiles.read(f), f.toString());
        assertEquals(new TrainingSettings(0.0, 0.01, 4.5, 0.004, TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                TrainingSettings.Mode.MINIBATCH, 16, 12, 99L, false, true, 30, 4, 3, true, 2, 0.1, "meprop:10",
                "sgd:momentum=0.9"), s);
        // the network of the same file loads as without the section
        assertEquals(2, ModelFiles.load(f).populations().size());
    }

    @Test
    void unsetFieldsStayUnsetAndZeroIsNotUnset() throws IOException {
        Path f = model("training { lambda: 0 epochs: 3 }\n");
        TrainingSettings s = ModelFiles.trainingSettings(ModelFiles.read(f), f.toString());
        assertEquals(0.0, s.lambda());
        assertEquals(3, s.epochs());
        assertNull(s.beta());
        assertNull(s.learningRate());
        assertNull(s.mode());
        assertNull(s.augmentShiftPx());
        // the fallback fills exactly the unset fields
        TrainingSettings built = new TrainingSettings(10.0, 0.04, 8.0, 0.001,
                TrainingSettings.Schedule.INVERSE_SQRT_EPOCH, TrainingSettings.Mode.FAITHFUL, 16, 1, 1L, true, true,
                35, 5, 5, true, null, null, "full", "adam");
        TrainingSettings merged = s.or(built);
        assertEquals(0.0, merged.lambda());
        assertEquals(3, merged.epochs());
        assertEquals(0.04, merged.beta());
        assertEquals(TrainingSettings.Mode.FAITHFUL, merged.mode());
        assertTrue(merged.isComplete());
        assertEquals(TrainingSettings.NONE, ModelFiles.trainingSettings(ModelFiles.read(model("")), "x"));
    }

    @Test
    void anAugmentationGivenReplacesTheFallbacksAsAWhole() {
        TrainingSettings flagsNone = TrainingSettings.NONE;
        TrainingSettings off = new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 0, 0.0, null, null);
        TrainingSettings model = new TrainingSettings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, 1, 0.2, null, null);
        assertEquals(1, flagsNone.or(model).augmentShiftPx());
        assertEquals(0.2, flagsNone.or(model).augmentDrop());
        assertEquals(0, off.or(model).augmentShiftPx());
        assertEquals(0.0, off.or(model).augmentDrop());
    }

    @Test
    void badValuesAreReportedAtOnceNamingEachField() throws IOException {
        Path f = model("""
                training {
                  lambda: nan
                  beta: -1
                  weight_limit: 0
                  learning_rate: -0.001
                  batch_size: 4000000000
                  epochs: 0
                  desired_spikes: 200000
                  augmentation { shift_px: 9 drop_probability: 2 }
                  optimizer: " "
                }
                """);
        ModelProto p = ModelFiles.read(f);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelFiles.trainingSettings(p, f.toString()));
        assertEquals(List.of("training.lambda must be >= 0 and finite, was NaN",
                "training.beta must be >= 0 and finite, was -1.0",
                "training.weight_limit must be > 0 and finite, was 0.0",
                "training.learning_rate must be in (0, 100], was -0.001",
                "training.batch_size must be in [1, 65536], was 4000000000",
                "training.epochs must be in [1, 100000], was 0",
                "training.desired_spikes must be in [0, 100000], was 200000",
                "training.augmentation.shift_px must be in [0, 8], was 9",
                "training.augmentation.drop_probability must be in [0, 0.9], was 2.0",
                "training.optimizer must not be empty when given"), e.problems());
        assertTrue(e.getMessage().startsWith(f + ": invalid model (10 problems)"), e.getMessage());
        // loading the network reports them too, with the network's own problems
        InvalidModelException load = assertThrows(InvalidModelException.class, () -> ModelFiles.load(f));
        assertEquals(e.problems(), load.problems());
    }

    @Test
    void anUnspecifiedModeOrScheduleIsRefused() throws IOException {
        Path f = model("training { mode: MODE_UNSPECIFIED learning_rate_schedule: LEARNING_RATE_SCHEDULE_UNSPECIFIED "
                + "}\n");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.load(f));
        assertEquals(List.of("training.mode must be FAITHFUL or MINIBATCH, was 0",
                "training.learning_rate_schedule must be INVERSE_SQRT_EPOCH (the one the trainer has), was 0"),
                e.problems());
    }

    @Test
    void writtenSettingsReadBackEqualInBinaryForm() throws IOException {
        TrainingSettings s = new TrainingSettings(2.5, 0.0, 8.0, 0.001, TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                TrainingSettings.Mode.FAITHFUL, null, 7, 1L << 40, true, false, 35, 5, 5, false, 0, 0.05, "full",
                "adam");
        Path text = model("");
        io.snn4j.network.NetworkSpec net = ModelFiles.load(text);
        ModelProto m = ModelWriter.trained(net, java.util.Map.of(), io.snn4j.model.proto.ProvenanceProto
                .newBuilder().setAccuracy(0.5).build(), null, s);
        Path bin = dir.resolve("m.pb");
        ModelFiles.writeBinary(m, bin);
        assertEquals(s, ModelFiles.trainingSettings(ModelFiles.read(bin), bin.toString()));
        assertTrue(ModelFiles.read(bin).getTraining().hasLambda() && !ModelFiles.read(bin).getTraining()
                .hasBatchSize(), "set fields written, unset ones not");
        // an export keeps the section
        ModelProto exported = ModelWriter.toProto(net, ModelFiles.read(bin), "float");
        assertEquals(s, ModelFiles.trainingSettings(exported, "exported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bars-1.0.pb", "bars-1.1-float.pb", "bars-1.1-fixed8.pb", "bars-1.2-fixed8.pb",
            "bars-1.3-pipeline.pb"})
    void filesOfRevisionsBeforeOnePointFourHaveNoSettings(String golden) throws IOException {
        Path f = Path.of("src/test/resources/golden/export", golden);
        ModelProto p = ModelFiles.read(f);
        assertEquals(TrainingSettings.NONE, ModelFiles.trainingSettings(p, f.toString()));
        ModelFiles.load(f);
    }

    /**
     * The 1.4 golden file (src/test/resources/golden/export/README.md): the section written by snn4j 1.4's
     * exporter reads back as the text the README gives.
     */
    @Test
    void theOnePointFourGoldenFileCarriesTheSettingsItWasMadeWith() throws IOException {
        Path f = Path.of("src/test/resources/golden/export/bars-1.4-training.pb");
        ModelProto p = ModelFiles.read(f);
        assertEquals("1.4", p.getMetadataOrThrow("format_revision"));
        assertEquals(new TrainingSettings(0.0, 0.01, 8.0, 0.004, TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                TrainingSettings.Mode.MINIBATCH, 16, 5, 7L, true, true, 35, 5, 5, true, 1, 0.0, "full", "adam"),
                ModelFiles.trainingSettings(p, f.toString()));
    }
}
