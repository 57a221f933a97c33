package io.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How fixed-point values line up with each kind's weights, against hand-computed layouts. */
class WeightLayoutTest {
    private static final LifParameters LIF = LifParameters.hm2bp(1);

    private static NetworkSpec net(List<PopulationSpec> pops, ProjectionSpec pr) {
        return new NetworkSpec("t", 1000, 10, 1, pops, List.of(pr), 0, 1);
    }

    @Test
    void denseValueScaledByTheChannelOfItsTargetRow() {
        // 3 sources -> 2 targets, target-major: weight i reaches target i / 3
        var d = new ProjectionSpec.Dense("d", 0, 1, 0, 1, new float[] {1, 2, 3, 4, 5, 6});
        NetworkSpec net = net(List.of(PopulationSpec.input("in", Shape.flat(3)),
                PopulationSpec.lif("out", Shape.flat(2), LIF)), d);
        WeightLayout l = WeightLayout.of(net, d);
        int[] channelOf = {0, 1};
        assertEquals(6, l.valueCount(2));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, new int[] {l.channel(0, channelOf), l.channel(1, channelOf),
                l.channel(2, channelOf), l.channel(3, channelOf), l.channel(4, channelOf), l.channel(5, channelOf)});
        long[] sums = new long[2];
        l.addMagnitudes(net, new int[] {1, -2, 3, 0, 0, -4}, channelOf, sums);
        assertArrayEquals(new long[] {6, 4}, sums);
        var back = (ProjectionSpec.Dense) l.withValues(net, new int[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, 2f},
                channelOf);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 8f, 10f, 12f}, back.weights());
    }

    @Test
    void sharedOneToOneWeightGivesOneValuePerNeuron() {
        var o = new ProjectionSpec.OneToOne("o", 0, 1, 0, 1, new float[] {0.25f});
        NetworkSpec net = net(List.of(PopulationSpec.input("in", Shape.flat(3)),
                PopulationSpec.lif("out", Shape.flat(3), LIF)), o);
        WeightLayout l = WeightLayout.of(net, o);
        assertEquals(3, l.valueCount(1));
        assertEquals(0.25f, l.weight(2));
        assertEquals(2, l.channel(2, new int[] {0, 1, 2}));
    }

    @Test
    void convValuesBelongToTheirOutputChannel() {
        // 1x3x3 -> 2x2x2, kernel 2: 4 weights per output channel, 4 neurons per output channel
        var c = new ProjectionSpec.Conv2d("c", 0, 1, 0, 1, 1, 2, 2, 1, 0, new float[8]);
        NetworkSpec net = net(List.of(PopulationSpec.input("in", new Shape(1, 3, 3)),
                PopulationSpec.lif("out", new Shape(2, 2, 2), LIF)), c);
        WeightLayout l = WeightLayout.of(net, c);
        int[] channelOf = {0, 0, 0, 0, 1, 1, 1, 1};
        assertEquals(0, l.channel(3, channelOf));
        assertEquals(1, l.channel(4, channelOf));
        long[] sums = new long[8];
        l.addMagnitudes(net, new int[] {1, -1, 1, -1, 2, 2, 2, -2}, channelOf, sums);
        assertArrayEquals(new long[] {4, 4, 4, 4, 8, 8, 8, 8}, sums);
    }

    @Test
    void lateralInhibitionHasOneNegatedValuePerChannelAndRandomNone() {
        var li = new ProjectionSpec.LateralInhibition("l", 1, 1, 0, 1, 2f);
        NetworkSpec net = net(List.of(PopulationSpec.input("in", Shape.flat(3)),
                PopulationSpec.lif("out", Shape.flat(3), LIF)), li);
        WeightLayout l = WeightLayout.of(net, li);
        assertEquals(3, l.valueCount(3));
        assertEquals(-2f, l.weight(0));
        long[] sums = new long[3];
        // each neuron receives from the two others, value of its own channel
        l.addMagnitudes(net, new int[] {-1, -2, -3}, new int[] {0, 1, 2}, sums);
        assertArrayEquals(new long[] {2, 4, 6}, sums);
        var uniform = (ProjectionSpec.LateralInhibition) l.withValues(net, new int[] {-4, -4, -4},
                new float[] {0.5f, 0.5f, 0.5f}, new int[] {0, 1, 2});
        assertEquals(2f, uniform.strength());
        var perChannel = (ProjectionSpec.Sparse) l.withValues(net, new int[] {-1, -2, -3}, new float[] {1, 1, 1},
                new int[] {0, 1, 2});
        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1}, perChannel.post());
        assertArrayEquals(new float[] {-2, -3, -1, -3, -1, -2}, perChannel.weights());
        var r = new ProjectionSpec.Random("r", 0, 1, 0, 1, 0.5, 1, 1, 0, 1, false);
        assertNull(WeightLayout.of(net(List.of(PopulationSpec.input("in", Shape.flat(3)),
                PopulationSpec.lif("out", Shape.flat(3), LIF)), r), r));
    }
}
