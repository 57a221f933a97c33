package io.snn4j.model;

import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Integer weights of a fixed-point model put back into a network: the quantizer builds its integer network with
 * scales of one, the loader builds the integer-mode network of a {@code fixed:BITS} file the same way. Stateless.
 */
public final class IntegerWeights {
    private IntegerWeights() {
    }

    /**
     * {@code net} with the weights of every projection replaced by {@code values[j] * scales[target][channel]}
     * (scales of 1 give the integer weights themselves), the values laid out as {@link WeightLayout} says. Pooling
     * and lateral inhibition whose values differ between channels become explicit sparse projections.
     */
    public static NetworkSpec substitute(NetworkSpec net, int[][] values, float[][] scales, int[][] channelOf) {
        List<ProjectionSpec> out = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
            ProjectionSpec pr = net.projection(j);
            out.add(WeightLayout.of(net, pr).withValues(net, values[j], scales[pr.target()],
                    channelOf[pr.target()]));
        }
        return new NetworkSpec(net.name(), net.usPerTick(), net.ticks(), net.seed(), net.populations(),
                out, net.input(), net.output());
    }
}
