package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    private static final int T = 200;
    private static final Dataset TRAIN = TrainingFixtures.patterns(4, 40, 24, T, 3);
    private static final Dataset TEST = TrainingFixtures.patterns(4, 40, 12, T, 99);

    private static NetworkSpec net() {
        return TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.reference(epochs).withLearningRate(0.005).withMode(Mode.MINIBATCH, 4).withThreads(2);
    }

    /** A checkpoint as the writer received it. */
    private record Saved(Path file, TrainerState state, Map<String, String> options, String data, int samples,
                         AuxState aux) {
    }

    private static TrainingRun run(int epochs, Path dir, List<Saved> checkpoints) {
        return new TrainingRun(net(), config(epochs), dir).data(TRAIN, TEST, "patterns", null)
                .options(Map.of("lr", "0.005"))
                .checkpoints((file, s, options, data, samples, aux, settings) -> checkpoints.add(
                        new Saved(file, s, options, data, samples, aux)));
    }

    @Test
    void trainsAndTestsAsTheTrainerDoesAndWritesEveryEpoch(@TempDir Path dir) throws IOException {
        List<Saved> checkpoints = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        run(2, dir, checkpoints).run(new TrainingRun.Listener() {
            @Override
            public void started(Hm2BpTrainer trainer, int firstEpoch) {
                seen.add("started " + firstEpoch);
            }

            @Override
            public void trained(int epoch) {
                seen.add("trained " + epoch);
            }

            @Override
            public void epochDone(TrainingRun.EpochResult r) {
                seen.add("done " + r.epoch() + " " + r.test().samples());
            }

            @Override
            public void saved(int epoch, List<String[]> metrics) {
                seen.add("saved " + epoch + " " + metrics.size());
            }
        });
        assertEquals(List.of("started 0", "trained 0", "done 0 12", "saved 0 1", "trained 1", "done 1 12",
                "saved 1 2"), seen);
        // the same epochs by hand, with the trainer alone
        float[] hidden;
        float[] output;
        Evaluation last;
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config(2))) {
            t.trainEpoch(TRAIN, ProgressListener.NONE);
            t.evaluate(TEST);
            t.trainEpoch(TRAIN, ProgressListener.NONE);
            last = t.evaluate(TEST);
            NetworkSpec trained = t.networkSpec();
            hidden = ((ProjectionSpec.Dense) trained.projections().get(0)).weights();
            output = ((ProjectionSpec.Dense) trained.projections().get(1)).weights();
        }
        NetworkSpec written = ModelFiles.load(dir.resolve("model.pb"));
        assertArrayEquals(hidden, ((ProjectionSpec.Dense) written.projections().get(0)).weights());
        assertArrayEquals(output, ((ProjectionSpec.Dense) written.projections().get(1)).weights());
        ModelProto proto = ModelFiles.read(dir.resolve("model.pb"));
        assertEquals("2", proto.getMetadataOrThrow("epochs"));
        assertEquals("HM2-BP minibatch", proto.getMetadataOrThrow("trainer"));
        assertEquals(last.accuracy(), proto.getProvenance().getAccuracy());
        assertEquals("patterns", proto.getProvenance().getDataset());
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertEquals(3, metrics.size());
        assertEquals("epoch,train_samples,train_cost,train_accuracy,test_accuracy,test_no_output_spikes,"
                + "epoch_seconds,samples_per_second,learning_rate,spikes_per_neuron_input,spikes_per_neuron_hidden,"
                + "spikes_per_neuron_output", metrics.get(0));
        assertEquals(String.format(java.util.Locale.ROOT, "%.6g", last.accuracy()), metrics.get(2).split(",")[4]);
        assertEquals(2, checkpoints.size());
        assertEquals(dir.resolve("checkpoint.pb"), checkpoints.get(1).file());
        assertEquals(List.of(1, 2), checkpoints.stream().map(c -> c.state().epoch()).toList());
        assertEquals(24, checkpoints.get(1).samples());
        assertEquals(Map.of("lr", "0.005"), checkpoints.get(1).options());
    }

    @Test
    void aResumedRunEndsWithTheBytesOfAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole");
        run(2, whole, new ArrayList<>()).run(TrainingRun.Listener.NONE);
        Path part = dir.resolve("part");
        List<Saved> first = new ArrayList<>();
        run(1, part, first).run(TrainingRun.Listener.NONE);
        Saved after1 = first.get(0);
        List<Integer> started = new ArrayList<>();
        run(2, part, new ArrayList<>()).resume(after1.state(), after1.aux(), after1.file())
                .run(new TrainingRun.Listener() {
                    @Override
                    public void started(Hm2BpTrainer trainer, int firstEpoch) {
                        started.add(firstEpoch);
                    }
                });
        assertEquals(List.of(1), started);
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.pb")), Files.readAllBytes(part.resolve("model.pb")));
        List<String> a = Files.readAllLines(whole.resolve("metrics.csv"));
        List<String> b = Files.readAllLines(part.resolve("metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) { // all but the timing columns (epoch_seconds, samples_per_second)
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            x[6] = y[6];
            x[7] = y[7];
            assertArrayEquals(x, y, "metrics row " + i);
        }
    }

    @Test
    void aRunWithoutDataIsRefused(@TempDir Path dir) {
        assertThrows(IllegalStateException.class,
                () -> new TrainingRun(net(), config(1), dir).run(TrainingRun.Listener.NONE));
    }
}
