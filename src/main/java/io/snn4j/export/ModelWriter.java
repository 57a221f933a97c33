package io.snn4j.export;

import io.snn4j.export.proto.Conv2dProto;
import io.snn4j.export.proto.DenseProto;
import io.snn4j.export.proto.InputProto;
import io.snn4j.export.proto.LateralInhibitionProto;
import io.snn4j.export.proto.LifProto;
import io.snn4j.export.proto.ModelProto;
import io.snn4j.export.proto.NetworkProto;
import io.snn4j.export.proto.OneToOneProto;
import io.snn4j.export.proto.PoolProto;
import io.snn4j.export.proto.PopulationProto;
import io.snn4j.export.proto.ProjectionProto;
import io.snn4j.export.proto.RandomProto;
import io.snn4j.export.proto.ShapeProto;
import io.snn4j.export.proto.SparseProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.neuron.LifParameters;
import java.util.Map;

/**
 * Maps a {@link NetworkSpec} to the general form of {@code ModelProto} (populations and projections), losslessly:
 * {@code ModelFiles.toNetwork(ModelWriter.toProto(spec))} describes the same network, weight for weight. Stateless and
 * thread-safe.
 */
public final class ModelWriter {
    /** Producer name written into every model. */
    public static final String PRODUCER = "snn4j";

    private ModelWriter() {
    }

    /**
     * @param metadata free-form provenance (seed, data set, training settings, accuracy)
     */
    public static ModelProto toProto(NetworkSpec spec, Map<String, String> metadata) {
        NetworkProto.Builder net = NetworkProto.newBuilder()
                .setInput(spec.population(spec.input()).name());
        if (spec.output() >= 0) {
            net.setOutput(spec.population(spec.output()).name());
        }
        for (PopulationSpec p : spec.populations()) {
            PopulationProto.Builder pb = PopulationProto.newBuilder().setName(p.name())
                    .setShape(ShapeProto.newBuilder().setChannels(p.shape().channels())
                            .setHeight(p.shape().height()).setWidth(p.shape().width()));
            if (p.isInput()) {
                pb.setInput(InputProto.getDefaultInstance());
            } else {
                LifParameters l = p.lif();
                LifProto.Builder lb = LifProto.newBuilder().setTauMem(l.tauMemTicks()).addTauSyn(l.tauSyn0Ticks())
                        .setThreshold(l.threshold()).setStrictThreshold(l.strictThreshold())
                        .setRefractoryTicks(l.refractoryTicks()).setBias(l.bias())
                        .setVInitLow(p.vInitLow()).setVInitHigh(p.vInitHigh());
                if (l.synapseTypes() == 2) {
                    lb.addTauSyn(l.tauSyn1Ticks());
                }
                pb.setLif(lb);
            }
            net.addPopulations(pb);
        }
        for (ProjectionSpec pr : spec.projections()) {
            net.addProjections(projection(spec, pr));
        }
        return ModelProto.newBuilder()
                .setFormatVersion(ModelFiles.FORMAT_VERSION)
                .setProducerName(PRODUCER)
                .setProducerVersion(version())
                .setName(spec.name())
                .setUsPerTick(spec.usPerTick())
                .setTicks(spec.ticks())
                .setSeed(spec.seed())
                .putAllMetadata(metadata)
                .setNetwork(net)
                .build();
    }

    private static ProjectionProto projection(NetworkSpec spec, ProjectionSpec pr) {
        ProjectionProto.Builder b = ProjectionProto.newBuilder().setName(pr.name())
                .setSource(spec.population(pr.source()).name()).setTarget(spec.population(pr.target()).name())
                .setSynapse(pr.synapse()).setDelay(pr.delayTicks());
        if (pr instanceof ProjectionSpec.Dense d) {
            DenseProto.Builder db = DenseProto.newBuilder();
            for (float w : d.weights()) {
                db.addWeights(w);
            }
            b.setDense(db);
        } else if (pr instanceof ProjectionSpec.Sparse s) {
            SparseProto.Builder sb = SparseProto.newBuilder();
            for (int k = 0; k < s.pre().length; k++) {
                sb.addPre(s.pre()[k]).addPost(s.post()[k]).addWeights(s.weights()[k]);
                if (s.delays() != null) {
                    sb.addDelays(s.delays()[k]);
                }
            }
            b.setSparse(sb);
        } else if (pr instanceof ProjectionSpec.Random r) {
            b.setRandom(RandomProto.newBuilder().setP(r.p()).setSeed(r.seed()).setWeight(r.weight())
                    .setWeightSpread(r.weightSpread()).setDelayMax(r.delayMaxTicks()).setAllowSelf(r.allowSelf()));
        } else if (pr instanceof ProjectionSpec.OneToOne o) {
            OneToOneProto.Builder ob = OneToOneProto.newBuilder();
            for (float w : o.weights()) {
                ob.addWeights(w);
            }
            b.setOneToOne(ob);
        } else if (pr instanceof ProjectionSpec.Conv2d c) {
            Conv2dProto.Builder cb = Conv2dProto.newBuilder().setInChannels(c.inChannels())
                    .setOutChannels(c.outChannels()).setKernel(c.kernel()).setStride(c.stride())
                    .setPadding(c.padding());
            for (float w : c.weights()) {
                cb.addWeights(w);
            }
            b.setConv2D(cb);
        } else if (pr instanceof ProjectionSpec.Pool p) {
            b.setPool(PoolProto.newBuilder().setKernel(p.kernel()).setStride(p.stride()).setWeight(p.weight()));
        } else if (pr instanceof ProjectionSpec.LateralInhibition l) {
            b.setLateralInhibition(LateralInhibitionProto.newBuilder().setStrength(l.strength()));
        }
        return b.build();
    }

    static String version() {
        String v = ModelWriter.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
