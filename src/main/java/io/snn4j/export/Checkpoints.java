package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.UnsupportedSchemaVersionException;
import io.snn4j.io.AtomicFiles;
import io.snn4j.export.proto.CheckpointProto;
import io.snn4j.export.proto.LayerStateProto;
import io.snn4j.train.TrainerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Training checkpoints ({@code snn4j.v1.CheckpointProto}, binary protobuf): the {@link TrainerState} of an HM2-BP run
 * after an epoch, with the run's options and data specification. Written atomically. Stateless and thread-safe.
 */
public final class Checkpoints {
    /** Newest major checkpoint version this reader understands. */
    public static final int FORMAT_VERSION = 1;

    private Checkpoints() {
    }

    /** A checkpoint read back: the trainer state, the options it ran with and its data specification. */
    public record Checkpoint(TrainerState state, Map<String, String> config, String data, int trainSamples) {
    }

    public static void write(Path file, TrainerState s, Map<String, String> config, String data, int trainSamples)
            throws IOException {
        CheckpointProto.Builder b = CheckpointProto.newBuilder().setFormatVersion(FORMAT_VERSION)
                .setEpoch(s.epoch()).setSeed(s.seed()).putAllConfig(config).setData(data)
                .setTrainSamples(trainSamples);
        for (int k = 0; k < s.weights().length; k++) {
            LayerStateProto.Builder l = LayerStateProto.newBuilder().setAdamSteps(s.adamSteps()[k]);
            for (float w : s.weights()[k]) {
                l.addWeights(w);
            }
            for (float m : s.adamM()[k]) {
                l.addAdamM(m);
            }
            for (float v : s.adamV()[k]) {
                l.addAdamV(v);
            }
            b.addLayers(l);
        }
        for (double w : s.boostWeights()) {
            b.addBoostWeights(w);
        }
        AtomicFiles.write(file, b.build()::writeTo);
    }

    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no checkpoint here");
        }
        CheckpointProto c;
        try (InputStream in = Files.newInputStream(file)) {
            c = CheckpointProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new InvalidModelException(file.toString(), List.of("not a valid checkpoint (truncated or corrupt "
                    + "protobuf): " + e.getMessage()));
        }
        if (c.getFormatVersion() > FORMAT_VERSION) {
            throw new UnsupportedSchemaVersionException(file.toString(), c.getFormatVersion(), FORMAT_VERSION);
        }
        int layers = c.getLayersCount();
        float[][] w = new float[layers][];
        float[][] m = new float[layers][];
        float[][] v = new float[layers][];
        long[] steps = new long[layers];
        for (int k = 0; k < layers; k++) {
            LayerStateProto l = c.getLayers(k);
            if (l.getAdamMCount() != l.getWeightsCount() || l.getAdamVCount() != l.getWeightsCount()) {
                throw new InvalidModelException(file.toString(), List.of("layer " + k + ": weights, adam_m and "
                        + "adam_v must have equal lengths, were " + l.getWeightsCount() + ", " + l.getAdamMCount()
                        + ", " + l.getAdamVCount()));
            }
            w[k] = ModelFiles.floats(l.getWeightsList());
            m[k] = ModelFiles.floats(l.getAdamMList());
            v[k] = ModelFiles.floats(l.getAdamVList());
            steps[k] = l.getAdamSteps();
        }
        double[] boost = new double[c.getBoostWeightsCount()];
        for (int i = 0; i < boost.length; i++) {
            boost[i] = c.getBoostWeights(i);
        }
        return new Checkpoint(new TrainerState(c.getEpoch(), c.getSeed(), w, m, v, steps, boost), c.getConfigMap(),
                c.getData(), c.getTrainSamples());
    }
}
