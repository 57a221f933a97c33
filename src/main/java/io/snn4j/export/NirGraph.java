package io.snn4j.export;

import io.snn4j.model.ModelWriter;
import io.snn4j.event.TouchSet;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.Connectivity;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network as a NIR graph (formats.md 2.2, 2.6), before it is written to HDF5: nodes with their parameter datasets,
 * edges, and a metadata group for what NIR cannot express.
 *
 * <p>Mapping of the discrete model ({@link LifParameters}) with dt = one tick in seconds: each LIF population is a
 * {@code CubaLIF} with {@code tau_syn = tauSyn * dt}, {@code tau_mem = tauMem * dt}, {@code r = tauMem},
 * {@code v_leak = bias * tauMem}, {@code v_reset = 0}; with forward Euler at dt the CubaLIF recurrence is
 * {@code I <- I (1 - 1/tauSyn) + (w_in / tauSyn) x}, {@code v <- v (1 - 1/tauMem) + I + bias}, which is the snn4j
 * recurrence with {@code I = e / tauSyn} when {@code w_in x = sum w s}. Populations fed by pooling use
 * {@code w_in = 1} and the weights as they are; all others use {@code w_in = tauSyn} and weights divided by tauSyn
 * (the convention snnTorch's importer requires). Refractory period, input delay, tick 0 and the threshold slack go
 * into {@code metadata}.
 */
final class NirGraph {
    /** Largest dense matrix written for a sparse, random or one-to-one projection (NIR has no sparse node). */
    static final long MAX_DENSE_ENTRIES = 50_000_000L;

    /** One node: its id, NIR type and datasets in writing order. */
    record Node(String id, String type, Map<String, Object> datasets) {
    }

    final List<Node> nodes = new ArrayList<>();
    final List<String[]> edges = new ArrayList<>();
    final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    /** CubaLIF node ids with their refractory ticks and strict-threshold flags, in population order. */
    private List<String> lifNodes = List.of();
    private List<Long> lifRefractory = List.of();
    private List<Long> lifStrict = List.of();

    private NirGraph() {
    }

    /**
     * Builds the graph of {@code net}.
     *
     * @throws IllegalArgumentException naming the population or projection NIR cannot express
     */
    static NirGraph of(NetworkSpec net, ModelProto source) {
        NirGraph g = new NirGraph();
        g.build(net, source);
        return g;
    }

    private String unique(String wanted) {
        String base = wanted.replace("->", "_to_").replaceAll("[^A-Za-z0-9_.-]", "_");
        if (base.equals(".") || base.isEmpty()) {
            base = "_";
        }
        String id = base;
        for (int k = 2; !ids.add(id); k++) {
            id = base + "_" + k;
        }
        return id;
    }

    private Node add(String wantedId, String type) {
        Node n = new Node(unique(wantedId), type, new LinkedHashMap<>());
        nodes.add(n);
        return n;
    }

    private void edge(String from, String to) {
        edges.add(new String[] {from, to});
    }

    private static long[] chw(Shape s) {
        return new long[] {s.channels(), s.height(), s.width()};
    }

    /**
     * Whether a kind's NIR node feeds its target with the weights as they are ({@code w_in = 1}): SumPool2d, whose
     * single weight cannot be divided per neuron; every other node has its weights divided by tau_syn.
     */
    private static final ProjectionSpec.Visitor<Boolean> FEEDS_UNSCALED = new ProjectionSpec.Visitor<>() {
        @Override
        public Boolean visitDense(ProjectionSpec.Dense d) {
            return false;
        }

        @Override
        public Boolean visitSparse(ProjectionSpec.Sparse s) {
            return false;
        }

        @Override
        public Boolean visitRandom(ProjectionSpec.Random r) {
            return false;
        }

        @Override
        public Boolean visitOneToOne(ProjectionSpec.OneToOne o) {
            return false;
        }

        @Override
        public Boolean visitConv2d(ProjectionSpec.Conv2d c) {
            return false;
        }

        @Override
        public Boolean visitPool(ProjectionSpec.Pool p) {
            return true;
        }

        @Override
        public Boolean visitLateralInhibition(ProjectionSpec.LateralInhibition l) {
            return false;
        }
    };

    private void build(NetworkSpec net, ModelProto source) {
        int pops = net.populations().size();
        boolean[] isChw = new boolean[pops];
        boolean[] pooled = new boolean[pops];
        for (ProjectionSpec pr : net.projections()) {
            if (pr.isSpatial()) {
                isChw[pr.source()] = true;
            }
            if (pr.accept(FEEDS_UNSCALED)) {
                pooled[pr.target()] = true;
            }
        }
        List<String> problems = problems(net, isChw);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model '" + net.name() + "' cannot be exported to NIR: "
                    + String.join("; ", problems));
        }
        String[] nodeOf = addPopulations(net, isChw, pooled);
        List<String> delayed = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        for (ProjectionSpec pr : net.projections()) {
            PopulationSpec tgt = net.population(pr.target());
            float div = pooled[pr.target()] ? 1f : (float) tgt.lif().tauSyn0Ticks();
            String synId = pr.accept(new SynapseNodes(net, nodeOf[pr.source()], isChw[pr.source()], div));
            if (pr.isSpatial() && !isChw[pr.target()]) {
                synId = flatten(pr.name(), synId, tgt.shape());
            }
            edge(synId, nodeOf[pr.target()]);
            if (pr.maxDelayTicks() != 1) {
                delayed.add(pr.name());
                delays.add((long) pr.maxDelayTicks());
            }
        }
        if (net.output() >= 0) {
            Node out = add("output", "Output");
            Shape s = net.population(net.output()).shape();
            out.datasets().put("shape", isChw[net.output()] ? chw(s) : new long[] {s.size()});
            edge(nodeOf[net.output()], out.id());
        }
        addMetadata(net, source, delayed, delays);
    }

    /** Adds a Flatten node of a C x H x W {@code shape} after node {@code from}; returns its id. */
    private String flatten(String projection, String from, Shape shape) {
        Node f = add(projection + "_flatten", "Flatten");
        f.datasets().put("start_dim", 0L);
        f.datasets().put("end_dim", -1L);
        f.datasets().put("input_type", chw(shape));
        edge(from, f.id());
        return f.id();
    }

    /** What NIR cannot express in {@code net}: a message per population or projection. */
    private static List<String> problems(NetworkSpec net, boolean[] isChw) {
        List<String> problems = new ArrayList<>();
        for (ProjectionSpec pr : net.projections()) {
            if (!pr.isSpatial() && isChw[pr.target()]) {
                problems.add("projection '" + pr.name() + "': a " + kind(pr) + " projection into population '"
                        + net.population(pr.target()).name() + "', which also feeds a convolution or pooling, "
                        + "would need an unflatten node, which NIR lacks");
            }
        }
        for (PopulationSpec p : net.populations()) {
            if (!p.isInput() && p.lif().synapseTypes() == 2) {
                problems.add("population '" + p.name() + "': two synapse types (tau_syn " + p.lif().tauSyn0Ticks()
                        + " and " + p.lif().tauSyn1Ticks() + "); a NIR CubaLIF has one synaptic current");
            }
            if (p.isInput() && net.populationIndex(p.name()) != net.input()) {
                problems.add("population '" + p.name() + "': a second input population; NIR graphs here have "
                        + "one Input node");
            }
            if (p.vInitLow() != 0 || p.vInitHigh() != 0) {
                problems.add("population '" + p.name() + "': random initial potentials cannot be expressed in NIR");
            }
        }
        return problems;
    }

    /** Adds the Input and CubaLIF node of every population; returns their ids by population index. */
    private String[] addPopulations(NetworkSpec net, boolean[] isChw, boolean[] pooled) {
        double dt = net.usPerTick() * 1e-6;
        int pops = net.populations().size();
        String[] nodeOf = new String[pops];
        List<String> lifIds = new ArrayList<>();
        List<Long> refractory = new ArrayList<>();
        List<Long> strict = new ArrayList<>();
        for (int p = 0; p < pops; p++) {
            PopulationSpec spec = net.population(p);
            Shape s = spec.shape();
            if (spec.isInput()) {
                Node in = add(spec.name(), "Input");
                in.datasets().put("shape", isChw[p] ? chw(s) : new long[] {s.size()});
                nodeOf[p] = in.id();
                continue;
            }
            LifParameters l = spec.lif();
            Node n = add(spec.name(), "CubaLIF");
            double wIn = pooled[p] ? 1 : l.tauSyn0Ticks();
            put(n, "tau_syn", l.tauSyn0Ticks() * dt, s, isChw[p]);
            put(n, "tau_mem", l.tauMemTicks() * dt, s, isChw[p]);
            put(n, "r", l.tauMemTicks(), s, isChw[p]);
            put(n, "v_leak", l.bias() * l.tauMemTicks(), s, isChw[p]);
            put(n, "v_threshold", l.threshold(), s, isChw[p]);
            put(n, "v_reset", 0.0, s, isChw[p]);
            put(n, "w_in", wIn, s, isChw[p]);
            nodeOf[p] = n.id();
            lifIds.add(n.id());
            refractory.add((long) l.refractoryTicks());
            strict.add(l.strictThreshold() ? 1L : 0L);
        }
        lifNodes = lifIds;
        lifRefractory = refractory;
        lifStrict = strict;
        return nodeOf;
    }

    /**
     * Adds the node (and any Flatten or Scale node) of one projection from node {@code from}, weights divided by
     * {@code div}; returns the id of the node that feeds the target.
     */
    private final class SynapseNodes implements ProjectionSpec.Visitor<String> {
        private final NetworkSpec net;
        private final String from;
        private final boolean fromChw;
        private final float div;

        SynapseNodes(NetworkSpec net, String from, boolean fromChw, float div) {
            this.net = net;
            this.from = from;
            this.fromChw = fromChw;
            this.div = div;
        }

        @Override
        public String visitConv2d(ProjectionSpec.Conv2d c) {
            Node n = add(c.name(), "Conv2d");
            float[][][][] w = new float[c.outChannels()][c.inChannels()][c.kernel()][c.kernel()];
            for (int oc = 0; oc < c.outChannels(); oc++) {
                for (int ic = 0; ic < c.inChannels(); ic++) {
                    for (int y = 0; y < c.kernel(); y++) {
                        for (int x = 0; x < c.kernel(); x++) {
                            w[oc][ic][y][x] = c.weight(oc, ic, y, x) / div;
                        }
                    }
                }
            }
            Shape in = net.population(c.source()).shape();
            n.datasets().put("weight", w);
            n.datasets().put("bias", new float[c.outChannels()]);
            n.datasets().put("stride", new long[] {c.stride(), c.stride()});
            n.datasets().put("padding", new long[] {c.padding(), c.padding()});
            n.datasets().put("dilation", new long[] {1, 1});
            n.datasets().put("groups", 1L);
            n.datasets().put("input_shape", new long[] {in.height(), in.width()});
            edge(from, n.id());
            return n.id();
        }

        @Override
        public String visitPool(ProjectionSpec.Pool q) {
            Node n = add(q.name(), "SumPool2d");
            n.datasets().put("kernel_size", new long[] {q.kernel(), q.kernel()});
            n.datasets().put("stride", new long[] {q.stride(), q.stride()});
            n.datasets().put("padding", new long[] {0, 0});
            edge(from, n.id());
            if (q.weight() == 1f) {
                return n.id();
            }
            Node sc = add(q.name() + "_weight", "Scale");
            Shape out = net.population(q.target()).shape();
            float[][][] scale = new float[out.channels()][out.height()][out.width()];
            for (float[][] a : scale) {
                for (float[] b : a) {
                    java.util.Arrays.fill(b, q.weight());
                }
            }
            sc.datasets().put("scale", scale);
            edge(n.id(), sc.id());
            return sc.id();
        }

        @Override
        public String visitDense(ProjectionSpec.Dense d) {
            return linear(d, d.weights());
        }

        @Override
        public String visitSparse(ProjectionSpec.Sparse s) {
            return linear(s, null);
        }

        @Override
        public String visitRandom(ProjectionSpec.Random r) {
            return linear(r, null);
        }

        @Override
        public String visitOneToOne(ProjectionSpec.OneToOne o) {
            return linear(o, null);
        }

        @Override
        public String visitLateralInhibition(ProjectionSpec.LateralInhibition l) {
            return linear(l, null);
        }

        /**
         * A Linear node with the projection's (target x source) matrix, after a Flatten of a C x H x W source.
         *
         * @param matrix read; the matrix row-major when the spec holds it as such (dense), else null
         */
        private String linear(ProjectionSpec pr, float[] matrix) {
            String in = fromChw ? flatten(pr.name(), from, net.population(pr.source()).shape()) : from;
            Node n = add(pr.name(), "Linear");
            n.datasets().put("weight", denseWeights(net, pr, matrix, div));
            edge(in, n.id());
            return n.id();
        }
    }

    /** What NIR has no field for, and how snn4j's discretisation maps onto NIR's. */
    private void addMetadata(NetworkSpec net, ModelProto source, List<String> delayed, List<Long> delays) {
        double dt = net.usPerTick() * 1e-6;
        metadata.put("producer", "snn4j " + ModelWriter.producerVersion());
        if (source.hasInputPipeline()) {
            // what a port must do to sensor input before the graph's input node (schema 1.3): the text, and the
            // message's bytes for a reader that decodes snn4j.v1.InputPipelineProto
            metadata.put("input_pipeline", io.snn4j.pipeline.InputPipelines.describe(source.getInputPipeline()));
            metadata.put("input_pipeline_proto", java.util.Base64.getEncoder().encodeToString(
                    source.getInputPipeline().toByteArray()));
        }
        metadata.put("model_name", net.name().isEmpty() ? "(unnamed)" : net.name());
        metadata.put("dt", dt);
        metadata.put("us_per_tick", net.usPerTick());
        metadata.put("ticks", (long) net.ticks());
        metadata.put("discretisation", "snn4j / HM2-BP discrete CUBA LIF, forward Euler at dt: "
                + "I <- I(1 - dt/tau_syn) + (dt/tau_syn) w_in x; v <- v(1 - dt/tau_mem) + (dt/tau_mem) (r I + v_leak)");
        if (!lifNodes.isEmpty()) { // jhdf cannot write zero-length arrays
            metadata.put("lif_nodes", lifNodes.toArray(new String[0]));
            metadata.put("refractory_ticks", toLongs(lifRefractory));
            metadata.put("strict_threshold", toLongs(lifStrict));
        }
        metadata.put("refractory_rule", "after a spike v is held at v_reset for refractory_ticks ticks while I "
                + "keeps integrating; NIR has no refractory field");
        metadata.put("threshold_rule", "spike if v > v_threshold - 1e-6 (v > v_threshold where strict_threshold "
                + "is 1), then v = v_reset");
        metadata.put("input_delay", "a spike emitted at tick t reaches the synaptic current at tick t + 1 "
                + "(t + delay for the delayed projections listed); NIR edges are instantaneous");
        metadata.put("dead_tick_zero", "tick 0 only decays: no input is applied and no neuron spikes");
        metadata.put("w_in_convention", "w_in = tau_syn/dt with weights divided by tau_syn/dt; w_in = 1 with "
                + "weights as trained for populations fed by SumPool2d");
        metadata.put("output_decoding", "class = output neuron with most spikes, ties to the lowest index");
        if (!delayed.isEmpty()) {
            metadata.put("delayed_projections", delayed.toArray(new String[0]));
            metadata.put("delay_ticks", toLongs(delays));
        }
        String names = source.getMetadataOrDefault("class_names", "");
        if (!names.isBlank()) {
            metadata.put("class_names", names);
        }
    }

    private static String kind(ProjectionSpec pr) {
        return pr.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static long[] toLongs(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** A per-neuron parameter array of the population's NIR shape, every entry {@code value}. */
    private static void put(Node n, String name, double value, Shape s, boolean isChw) {
        if (isChw) {
            double[][][] a = new double[s.channels()][s.height()][s.width()];
            for (double[][] b : a) {
                for (double[] c : b) {
                    java.util.Arrays.fill(c, value);
                }
            }
            n.datasets().put(name, a);
        } else {
            double[] a = new double[s.size()];
            java.util.Arrays.fill(a, value);
            n.datasets().put(name, a);
        }
    }

    /**
     * The (target x source) matrix of a non-spatial projection, each weight divided by {@code div}: copied from
     * {@code matrix} when given, else delivered through the projection's compiled connectivity.
     */
    private static float[][] denseWeights(NetworkSpec net, ProjectionSpec pr, float[] matrix, float div) {
        int nIn = net.population(pr.source()).size();
        int nOut = net.population(pr.target()).size();
        if ((long) nIn * nOut > MAX_DENSE_ENTRIES) {
            throw new IllegalArgumentException("projection '" + pr.name() + "': " + nOut + " x " + nIn
                    + " weight matrix exceeds the " + MAX_DENSE_ENTRIES + " entries a NIR Linear node is written with");
        }
        float[][] w = new float[nOut][nIn];
        if (matrix != null) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    w[o][i] = matrix[o * nIn + i] / div;
                }
            }
            return w;
        }
        Connectivity c = Connectivity.compile(net, pr);
        float[] acc = new float[nOut];
        TouchSet touched = new TouchSet(nOut);
        for (int i = 0; i < nIn; i++) {
            for (int cur = c.firstGroup(i); cur >= 0; ) {
                cur = c.deliverGroup(i, cur, acc, 0, touched);
            }
            for (int k = 0; k < touched.size(); k++) {
                int o = touched.get(k);
                w[o][i] = acc[o] / div;
                acc[o] = 0;
            }
            touched.clear();
        }
        return w;
    }
}
