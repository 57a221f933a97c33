package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.export.proto.DeploymentProto;
import io.snn4j.export.proto.RouteProto;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PartitionerTest {
    static Deployment place(String model, String profile) throws IOException {
        NetworkSpec net = ModelFiles.load(Path.of(model));
        return Partitioner.partition(net, TargetProfile.load(ExporterTest.PROFILES, profile));
    }

    @Test
    void barsOnLoihi2UsesOneCorePerLayerWithSharedKernels() throws IOException {
        DeploymentProto d = place("models/bars.textproto", "loihi2").toProto();
        assertEquals(2, d.getCoresCount());
        assertEquals(1, d.getChips());
        // edges: 36 neurons, 4 kernels of 3x3 stored once; 25 sensor axons
        assertEquals(36, d.getCores(0).getNeuronCount());
        assertEquals(36, d.getCores(0).getSynapses());
        assertEquals(25, d.getCores(0).getAxons());
        // orientation: 4 pooled channels (one shared weight each) + 4 x 3 lateral synapses; 36 + 4 axons
        assertEquals(16, d.getCores(1).getSynapses());
        assertEquals(40, d.getCores(1).getAxons());
        assertEquals(12, d.getCores(1).getMaxFanIn());
        RouteProto host = d.getRoutes(0);
        assertEquals(-1, host.getSourceCore());
        assertEquals(25, host.getNeuronCount());
        assertEquals(0, host.getTargetCores(0));
        RouteProto lateral = d.getRoutes(2);
        assertEquals(1, lateral.getSourceCore());
        assertEquals(1, lateral.getTargetCores(0));
        assertEquals(36, lateral.getAxonOffsets(0)); // after the 36 edge neurons' axons
    }

    @Test
    void withoutConvolutionSupportKernelsBecomeExplicitSynapsesAndInputTakesACore() throws IOException {
        DeploymentProto d = place("models/bars.textproto", "spinnaker2").toProto();
        assertEquals(3, d.getCoresCount());
        assertEquals("sensor", d.getCores(0).getPopulation());
        assertEquals(36 * 9, d.getCores(1).getSynapses()); // 36 neurons x 9 taps (no padding)
        assertEquals(4 * 9 + 4 * 3, d.getCores(2).getSynapses());
    }

    @Test
    void hiddenLayerOf2312InputsIsSplitBySynapseMemory() throws IOException {
        Deployment d = place("neuromorphic-export/models/nmnist-2312-800-10.textproto", "loihi2");
        DeploymentProto p = d.toProto();
        // 937,500 synapses per core / 2312 per neuron = 405 neurons per core
        assertEquals(405, p.getCores(0).getNeuronCount());
        assertEquals(395, p.getCores(1).getNeuronCount());
        assertEquals(10, p.getCores(2).getNeuronCount());
        assertEquals(405L * 2312, p.getCores(0).getSynapses());
        String r = d.report();
        assertTrue(r.contains("cores used           3 (128 per chip) on 1 chip(s)"), r);
        assertTrue(r.contains("max fan-in           2312 synapses"), r);
        assertTrue(r.contains("max fan-out          2 cores"), r);
    }

    @Test
    void sharedCoresHoldSeveralPopulations() throws IOException {
        NetworkSpec net = ModelFiles.toNetwork(io.snn4j.model.proto.ModelProto.newBuilder().setUsPerTick(1000)
                .setTicks(10).setFeedForward(io.snn4j.model.proto.FeedForwardProto.newBuilder()
                        .setInput(io.snn4j.model.proto.ShapeProto.newBuilder().setChannels(1).setHeight(1)
                                .setWidth(16))
                        .addLayers(io.snn4j.model.proto.LayerProto.newBuilder().setName("h").setThreshold(1)
                                .setDense(io.snn4j.model.proto.DenseLayerProto.newBuilder().setSize(40)
                                        .setInitRange(1)))
                        .addLayers(io.snn4j.model.proto.LayerProto.newBuilder().setName("o").setThreshold(1)
                                .setDense(io.snn4j.model.proto.DenseLayerProto.newBuilder().setSize(8)
                                        .setInitRange(1)))).build(), "small");
        DeploymentProto d = Partitioner.partition(net, TargetProfile.load(ExporterTest.PROFILES, "xylo")).toProto();
        assertEquals(1, d.getChips());
        assertEquals(2, d.getCoresCount());
        assertEquals(0, d.getCores(0).getId());
        assertEquals(0, d.getCores(1).getId());
    }

    @Test
    void everyExceededLimitIsNamedWithItsExcess() {
        DoesNotFitException e = assertThrows(DoesNotFitException.class,
                () -> place("models/bars.textproto", "xylo"));
        assertEquals(1, e.violations().size());
        assertEquals("max_input_channels: input population 'sensor' has 25 neurons, the limit is 16 (exceeds by 9)",
                e.violations().get(0));
        assertTrue(e.getMessage().contains("resource report"), e.getMessage());
    }
}
