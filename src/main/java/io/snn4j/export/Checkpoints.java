package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.TrainingSettings;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.UnsupportedSchemaVersionException;
import io.snn4j.io.AtomicFiles;
import io.snn4j.export.proto.AuxArrayProto;
import io.snn4j.export.proto.CheckpointProto;
import io.snn4j.export.proto.LayerStateProto;
import io.snn4j.train.AuxState;
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

    /**
     * A checkpoint read back: the trainer state, the options it ran with, its data specification and its effective
     * training settings ({@link TrainingSettings#NONE} in checkpoints written before they were recorded).
     */
    public record Checkpoint(TrainerState state, Map<String, String> config, String data, int trainSamples,
                             AuxState aux, TrainingSettings training) {
        public Checkpoint(TrainerState state, Map<String, String> config, String data, int trainSamples) {
            this(state, config, data, trainSamples, new AuxState(), TrainingSettings.NONE);
        }
    }

    public static void write(Path file, TrainerState s, Map<String, String> config, String data, int trainSamples)
            throws IOException {
        write(file, s, config, data, trainSamples, new AuxState(), TrainingSettings.NONE);
    }

    /**
     * As above with the state beyond Adam ({@link io.snn4j.train.Hm2BpTrainer#auxState()}) and the run's effective
     * training settings ({@link TrainingSettings#NONE}: none recorded).
     */
    public static void write(Path file, TrainerState s, Map<String, String> config, String data, int trainSamples,
                             AuxState aux, TrainingSettings settings) throws IOException {
        CheckpointProto.Builder b = CheckpointProto.newBuilder().setFormatVersion(FORMAT_VERSION)
                .setEpoch(s.epoch()).setSeed(s.seed()).putAllConfig(config).setData(data)
                .setTrainSamples(trainSamples);
        if (!settings.isEmpty()) {
            b.setTraining(ModelWriter.toProto(settings));
        }
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
        for (Map.Entry<String, double[]> e : aux.doubles().entrySet()) {
            AuxArrayProto.Builder a = AuxArrayProto.newBuilder().setName(e.getKey());
            for (double v : e.getValue()) {
                a.addDoubles(v);
            }
            b.addAux(a);
        }
        for (Map.Entry<String, float[]> e : aux.floats().entrySet()) {
            AuxArrayProto.Builder a = AuxArrayProto.newBuilder().setName(e.getKey()).setIsFloat(true);
            for (float v : e.getValue()) {
                a.addFloats(v);
            }
            b.addAux(a);
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
        AuxState aux = new AuxState();
        for (AuxArrayProto a : c.getAuxList()) {
            if (aux.doubles().containsKey(a.getName()) || aux.floats().containsKey(a.getName())) {
                throw new InvalidModelException(file.toString(), List.of("aux array '" + a.getName()
                        + "' appears twice"));
            }
            if (a.getIsFloat()) {
                aux.floats().put(a.getName(), ModelFiles.floats(a.getFloatsList()));
            } else {
                double[] d = new double[a.getDoublesCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a.getDoubles(i);
                }
                aux.doubles().put(a.getName(), d);
            }
        }
        TrainingSettings training = c.hasTraining()
                ? ModelFiles.trainingSettings(c.getTraining(), file.toString()) : TrainingSettings.NONE;
        return new Checkpoint(new TrainerState(c.getEpoch(), c.getSeed(), w, m, v, steps, boost), c.getConfigMap(),
                c.getData(), c.getTrainSamples(), aux, training);
    }
}
