package io.snn4j.model;

import io.snn4j.network.Connectivity;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Integer weights of a fixed-point model put back into a network: the quantiser builds its integer network with
 * scales of one, the loader builds the integer-mode network of a {@code fixed:BITS} file the same way. Stateless.
 */
public final class IntegerWeights {
    private IntegerWeights() {
    }

    /**
     * {@code net} with the weights of every projection replaced by {@code values[j] * scales[target][channel]}
     * (scales of 1 give the integer weights themselves). Pooling and lateral inhibition whose values differ between
     * channels become explicit sparse projections.
     */
    public static NetworkSpec substitute(NetworkSpec net, int[][] values, float[][] scales, int[][] channelOf) {
        List<ProjectionSpec> out = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
            ProjectionSpec pr = net.projection(j);
            ScaleOf t = new ScaleOf(scales[pr.target()], channelOf[pr.target()]);
            int[] v = values[j];
            if (pr instanceof ProjectionSpec.Dense d) {
                int nIn = net.population(d.source()).size();
                float[] w = new float[v.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = v[i] * t.scales()[t.channelOf()[i / nIn]];
                }
                out.add(new ProjectionSpec.Dense(d.name(), d.source(), d.target(), d.synapse(), d.delayTicks(), w));
            } else if (pr instanceof ProjectionSpec.Conv2d c) {
                int per = c.inChannels() * c.kernel() * c.kernel();
                Shape ts = net.population(c.target()).shape();
                int hw = ts.height() * ts.width();
                float[] w = new float[v.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = v[i] * t.scales()[t.channelOf()[(i / per) * hw]];
                }
                out.add(new ProjectionSpec.Conv2d(c.name(), c.source(), c.target(), c.synapse(), c.delayTicks(),
                        c.inChannels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), w));
            } else if (pr instanceof ProjectionSpec.OneToOne o) {
                float[] w = new float[v.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = v[i] * t.scales()[t.channelOf()[i]];
                }
                out.add(new ProjectionSpec.OneToOne(o.name(), o.source(), o.target(), o.synapse(), o.delayTicks(),
                        w));
            } else if (pr instanceof ProjectionSpec.Sparse s) {
                float[] w = new float[v.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = v[i] * t.scales()[t.channelOf()[s.post()[i]]];
                }
                out.add(new ProjectionSpec.Sparse(s.name(), s.source(), s.target(), s.synapse(), s.delayTicks(),
                        s.pre(), s.post(), w, s.delays()));
            } else {
                out.add(scalarKind(net, pr, t, v));
            }
        }
        return new NetworkSpec(net.name(), net.usPerTick(), net.ticks(), net.seed(), net.populations(),
                out, net.input(), net.output());
    }

    /** Scales and channel map of a target population. */
    private record ScaleOf(float[] scales, int[] channelOf) {
    }

    private static ProjectionSpec scalarKind(NetworkSpec net, ProjectionSpec pr, ScaleOf t, int[] v) {
        boolean uniform = true;
        for (int c = 1; c < v.length; c++) {
            uniform &= v[c] * t.scales()[c] == v[0] * t.scales()[0];
        }
        float w0 = v[0] * t.scales()[0];
        if (uniform && pr instanceof ProjectionSpec.Pool p) {
            return new ProjectionSpec.Pool(p.name(), p.source(), p.target(), p.synapse(), p.delayTicks(),
                    p.kernel(), p.stride(), w0);
        }
        if (uniform && pr instanceof ProjectionSpec.LateralInhibition l) {
            return new ProjectionSpec.LateralInhibition(l.name(), l.source(), l.target(), l.synapse(),
                    l.delayTicks(), -w0);
        }
        int[][] targets = Connectivity.targetsOf(net, pr);
        int n = 0;
        for (int[] t2 : targets) {
            n += t2.length;
        }
        int[] pre = new int[n];
        int[] post = new int[n];
        float[] w = new float[n];
        int k = 0;
        for (int i = 0; i < targets.length; i++) {
            for (int o : targets[i]) {
                int c = t.channelOf()[o];
                pre[k] = i;
                post[k] = o;
                w[k++] = v[c] * t.scales()[c];
            }
        }
        return new ProjectionSpec.Sparse(pr.name(), pr.source(), pr.target(), pr.synapse(), pr.delayTicks(), pre,
                post, w, null);
    }

}
