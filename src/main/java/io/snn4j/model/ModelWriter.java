package io.snn4j.model;

import io.snn4j.model.proto.Conv2dProto;
import io.snn4j.model.proto.DenseProto;
import io.snn4j.model.proto.InputEncodingProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.InputProto;
import io.snn4j.model.proto.LateralInhibitionProto;
import io.snn4j.model.proto.LifProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.NetworkProto;
import io.snn4j.model.proto.OneToOneProto;
import io.snn4j.model.proto.OutputDecodingProto;
import io.snn4j.model.proto.PoolProto;
import io.snn4j.model.proto.PopulationProto;
import io.snn4j.model.proto.ProjectionProto;
import io.snn4j.model.proto.ProvenanceProto;
import io.snn4j.model.proto.RandomProto;
import io.snn4j.model.proto.ShapeProto;
import io.snn4j.model.proto.SparseProto;
import io.snn4j.model.proto.AugmentationProto;
import io.snn4j.model.proto.TrainingSettingsProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.neuron.LifParameters;

/**
 * Maps a {@link NetworkSpec} back to a {@link ModelProto} of the current revision (1.1) in the general
 * {@code network} form, with every weight explicit: weights a source file drew from {@code init_range} are written
 * as drawn, so the written file loads to the same network whatever the loader's draw. Random projections keep
 * their seed (their draw is part of the format). Stateless and thread-safe.
 */
public final class ModelWriter {
    /** Minor revision of the schema this writer produces (major is {@link ModelFiles#FORMAT_VERSION}). */
    public static final String REVISION = "1.5";

    private ModelWriter() {
    }

    /**
     * The model message of {@code net} with the given free-form metadata (seed, data set, training settings,
     * accuracy), as the trainer writes its models.
     */
    public static ModelProto toProto(NetworkSpec net, java.util.Map<String, String> metadata) {
        return toProto(net, ModelProto.newBuilder().putAllMetadata(metadata).build(), "trained");
    }

    /**
     * A trained model: {@code net} with its provenance (accuracy measured, never NaN) and the input pipeline its
     * training data went through (null: none to record; an event pipeline's binning is its own, an image or audio
     * pipeline takes the network's tick length).
     */
    public static ModelProto trained(NetworkSpec net, java.util.Map<String, String> metadata,
                                     ProvenanceProto provenance, InputPipelineProto pipeline) {
        return trained(net, metadata, provenance, pipeline, TrainingSettings.NONE);
    }

    /**
     * As above, recording the training settings the weights came from (schema 1.4; {@link TrainingSettings#NONE}:
     * no training section).
     */
    public static ModelProto trained(NetworkSpec net, java.util.Map<String, String> metadata,
                                     ProvenanceProto provenance, InputPipelineProto pipeline,
                                     TrainingSettings settings) {
        if (!(provenance.getAccuracy() >= 0 && provenance.getAccuracy() <= 1)) {
            throw new IllegalArgumentException("provenance.accuracy must be measured, in [0, 1], was "
                    + provenance.getAccuracy());
        }
        ModelProto.Builder source = ModelProto.newBuilder().putAllMetadata(metadata).setProvenance(provenance);
        if (pipeline != null && pipeline.getSourceCase() != InputPipelineProto.SourceCase.SOURCE_NOT_SET) {
            InputPipelineProto.Builder p = pipeline.toBuilder();
            if (p.getUsPerTick() == 0) {
                p.setUsPerTick(net.usPerTick()).setFirstTick(pipeline.hasEvents() ? pipeline.getFirstTick() : 1);
            }
            source.setInputPipeline(p);
        }
        if (!settings.isEmpty()) {
            source.setTraining(toProto(settings));
        }
        return toProto(net, source.build(), "");
    }

    /**
     * The model message of {@code net}, keeping the header (doc, metadata, provenance, encodings) of {@code source}.
     *
     * @param target export target name written into the provenance
     */
    public static ModelProto toProto(NetworkSpec net, ModelProto source, String target) {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setFormatVersion(ModelFiles.FORMAT_VERSION)
                .setProducerName("snn4j")
                .setProducerVersion(producerVersion())
                .setDoc(source.getDoc())
                .putAllMetadata(source.getMetadataMap())
                .setName(net.name())
                .setUsPerTick(net.usPerTick())
                .setTicks(net.ticks())
                .setSeed(net.seed());
        m.putMetadata("format_revision", REVISION);
        ProvenanceProto.Builder prov = source.getProvenance().toBuilder().setExportTarget(target);
        if (!source.hasProvenance()) {
            prov.setAccuracy(Double.NaN);
            if (source.getMetadataMap().containsKey("dataset")) {
                prov.setDataset(source.getMetadataMap().get("dataset"));
            }
        }
        m.setProvenance(prov);
        if (source.hasInputPipeline()) {
            m.setInputPipeline(source.getInputPipeline());
        }
        if (source.hasTraining()) {
            m.setTraining(source.getTraining());
        }
        m.setInputEncoding(source.hasInputEncoding() ? source.getInputEncoding()
                : source.hasInputPipeline() && source.getInputPipeline().hasEvents()
                ? encodingOf(source.getInputPipeline()) : defaultEncoding(net));
        if (net.output() >= 0) {
            m.setOutputDecoding(source.hasOutputDecoding() ? source.getOutputDecoding() : defaultDecoding(net,
                    source));
        }
        NetworkProto.Builder n = NetworkProto.newBuilder().setInput(net.inputPopulation().name());
        if (net.output() >= 0) {
            n.setOutput(net.population(net.output()).name());
        }
        for (PopulationSpec p : net.populations()) {
            n.addPopulations(population(p, net.usPerTick()));
        }
        for (ProjectionSpec pr : net.projections()) {
            n.addProjections(projection(net, pr));
        }
        return m.setNetwork(n).build();
    }

    /** The schema form of training settings: the set fields, nothing for the unset ones. */
    public static TrainingSettingsProto toProto(TrainingSettings s) {
        TrainingSettingsProto.Builder b = TrainingSettingsProto.newBuilder();
        set(s.lambda(), b::setLambda);
        set(s.beta(), b::setBeta);
        set(s.weightLimit(), b::setWeightLimit);
        set(s.learningRate(), b::setLearningRate);
        set(s.schedule(), x -> b.setLearningRateSchedule(
                TrainingSettingsProto.LearningRateSchedule.INVERSE_SQRT_EPOCH));
        set(s.mode(), x -> b.setMode(x == TrainingSettings.Mode.FAITHFUL ? TrainingSettingsProto.Mode.FAITHFUL
                : TrainingSettingsProto.Mode.MINIBATCH));
        set(s.batchSize(), b::setBatchSize);
        set(s.epochs(), b::setEpochs);
        set(s.seed(), b::setSeed);
        set(s.boosting(), b::setBoosting);
        set(s.effectRatio(), b::setEffectRatio);
        set(s.desiredSpikes(), b::setDesiredSpikes);
        set(s.undesiredSpikes(), b::setUndesiredSpikes);
        set(s.margin(), b::setMargin);
        set(s.shuffle(), b::setShuffle);
        if (s.hasAugmentation()) {
            AugmentationProto.Builder a = AugmentationProto.newBuilder();
            set(s.augmentShiftPx(), a::setShiftPx);
            set(s.augmentDrop(), a::setDropProbability);
            b.setAugmentation(a);
        }
        set(s.backprop(), b::setBackprop);
        set(s.optimizer(), b::setOptimizer);
        return b.build();
    }

    /** Calls {@code setter} with {@code value} unless it is null (unset). */
    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    public static String producerVersion() {
        String v = ModelWriter.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The 1.1 description of an event pipeline, for readers of revision 1.1 and 1.2. */
    static InputEncodingProto encodingOf(InputPipelineProto p) {
        var e = p.getEvents();
        boolean separate = e.getPolarity() == io.snn4j.model.proto.EventPipelineProto.Polarity.SEPARATE;
        return InputEncodingProto.newBuilder().setUsPerTick(p.getUsPerTick()).setFirstTick(p.getFirstTick())
                .setSensorWidth(e.getSensorWidth()).setSensorHeight(e.getSensorHeight())
                .setChannelMapping(e.getChannelMapping() == io.snn4j.model.proto.EventPipelineProto.ChannelMapping
                        .COLUMN_MAJOR && e.getCropWidth() == 0 && e.getDownsample() <= 1
                        ? (separate ? "xy_on_off" : "xy_merged") : "direct")
                .setBinning("see input_pipeline (schema 1.3): " + (e.hasSaccadeCompensation()
                        ? "saccade compensation, " : "") + "tick = ceil(t_us / us_per_tick) + first_tick")
                .build();
    }

    static InputEncodingProto defaultEncoding(NetworkSpec net) {
        var shape = net.inputPopulation().shape();
        InputEncodingProto.Builder e = InputEncodingProto.newBuilder().setUsPerTick(net.usPerTick()).setFirstTick(1)
                .setBinning("tick = ceil(t_us / us_per_tick) + first_tick; time from the recording's origin "
                        + "(N-MNIST) or its first event (AEDAT)");
        if (shape.channels() == 2 && shape.height() > 1) {
            e.setSensorWidth(shape.width()).setSensorHeight(shape.height()).setChannelMapping("xy_on_off");
        } else {
            e.setChannelMapping("direct");
        }
        return e.build();
    }

    static OutputDecodingProto defaultDecoding(NetworkSpec net, ModelProto source) {
        OutputDecodingProto.Builder d = OutputDecodingProto.newBuilder()
                .setPopulation(net.population(net.output()).name()).setRule("most_spikes");
        String names = source.getMetadataOrDefault("class_names", "");
        if (!names.isBlank()) {
            for (String s : names.split(",")) {
                d.addClassNames(s.strip());
            }
        }
        return d.build();
    }

    static PopulationProto population(PopulationSpec p, double usPerTick) {
        PopulationProto.Builder b = PopulationProto.newBuilder().setName(p.name())
                .setShape(ShapeProto.newBuilder().setChannels(p.shape().channels()).setHeight(p.shape().height())
                        .setWidth(p.shape().width()));
        if (p.isInput()) {
            return b.setInput(InputProto.getDefaultInstance()).build();
        }
        LifParameters l = p.lif();
        LifProto.Builder lif = LifProto.newBuilder().setTauMem(l.tauMemTicks()).addTauSyn(l.tauSyn0Ticks())
                .setThreshold(l.threshold()).setStrictThreshold(l.strictThreshold())
                .setRefractoryTicks(l.refractoryTicks()).setBias(l.bias())
                .setVInitLow(p.vInitLow()).setVInitHigh(p.vInitHigh())
                .setTauMemUs(l.tauMemTicks() * usPerTick).addTauSynUs(l.tauSyn0Ticks() * usPerTick)
                .setRefractoryUs(l.refractoryTicks() * usPerTick);
        if (l.synapseTypes() == 2) {
            lif.addTauSyn(l.tauSyn1Ticks()).addTauSynUs(l.tauSyn1Ticks() * usPerTick);
        }
        return b.setLif(lif).build();
    }

    static ProjectionProto projection(NetworkSpec net, ProjectionSpec pr) {
        ProjectionProto.Builder b = ProjectionProto.newBuilder().setName(pr.name())
                .setSource(net.population(pr.source()).name()).setTarget(net.population(pr.target()).name())
                .setSynapse(pr.synapse()).setDelay(pr.delayTicks());
        return pr.accept(new KindWriter(b)).build();
    }

    /** Writes the kind's own message into a projection builder. */
    private record KindWriter(ProjectionProto.Builder b) implements ProjectionSpec.Visitor<ProjectionProto.Builder> {
        @Override
        public ProjectionProto.Builder visitDense(ProjectionSpec.Dense d) {
            DenseProto.Builder w = DenseProto.newBuilder();
            for (float x : d.weights()) {
                w.addWeights(x);
            }
            return b.setDense(w);
        }

        @Override
        public ProjectionProto.Builder visitSparse(ProjectionSpec.Sparse s) {
            SparseProto.Builder w = SparseProto.newBuilder();
            for (int i = 0; i < s.pre().length; i++) {
                w.addPre(s.pre()[i]).addPost(s.post()[i]).addWeights(s.weights()[i]);
                if (s.delays() != null) {
                    w.addDelays(s.delays()[i]);
                }
            }
            return b.setSparse(w);
        }

        @Override
        public ProjectionProto.Builder visitRandom(ProjectionSpec.Random r) {
            return b.setRandom(RandomProto.newBuilder().setP(r.p()).setSeed(r.seed()).setWeight(r.weight())
                    .setWeightSpread(r.weightSpread()).setDelayMax(r.delayMaxTicks()).setAllowSelf(r.allowSelf()));
        }

        @Override
        public ProjectionProto.Builder visitOneToOne(ProjectionSpec.OneToOne o) {
            OneToOneProto.Builder w = OneToOneProto.newBuilder();
            for (float x : o.weights()) {
                w.addWeights(x);
            }
            return b.setOneToOne(w);
        }

        @Override
        public ProjectionProto.Builder visitConv2d(ProjectionSpec.Conv2d c) {
            Conv2dProto.Builder w = Conv2dProto.newBuilder().setInChannels(c.inChannels())
                    .setOutChannels(c.outChannels()).setKernel(c.kernel()).setStride(c.stride())
                    .setPadding(c.padding());
            for (float x : c.weights()) {
                w.addWeights(x);
            }
            return b.setConv2D(w);
        }

        @Override
        public ProjectionProto.Builder visitPool(ProjectionSpec.Pool q) {
            return b.setPool(PoolProto.newBuilder().setKernel(q.kernel()).setStride(q.stride()).setWeight(q.weight()));
        }

        @Override
        public ProjectionProto.Builder visitLateralInhibition(ProjectionSpec.LateralInhibition li) {
            return b.setLateralInhibition(LateralInhibitionProto.newBuilder().setStrength(li.strength()));
        }
    }
}
