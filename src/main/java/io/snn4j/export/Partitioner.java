package io.snn4j.export;

import io.snn4j.event.TouchSet;
import io.snn4j.export.proto.TargetProfileProto;
import io.snn4j.network.Connectivity;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places populations onto the cores of a {@link TargetProfile}: greedy, one population per core, contiguous neuron
 * ranges in index order; a core is closed when the next neuron would exceed its neurons, synapses or input axons.
 * Synapses are stored at the target core: a neuron costs its fan-in, except convolution and pooling on a profile
 * that supports convolution, where a core stores each shared kernel once per output channel it holds. Input
 * neurons stay on the host when the profile says so. Every violated limit is collected and reported at once.
 */
final class Partitioner {
    /** Largest synapse count the partitioner enumerates (it holds the connectivity as int lists). */
    static final long MAX_SYNAPSES = 200_000_000L;

    private Partitioner() {
    }

    static Deployment partition(NetworkSpec net, TargetProfile profile) {
        TargetProfileProto p = profile.proto();
        long total = 0;
        for (ProjectionSpec pr : net.projections()) {
            total += pr.synapseCount(net);
        }
        if (total > MAX_SYNAPSES) {
            throw new IllegalArgumentException("model '" + net.name() + "' has about " + total + " synapses, more "
                    + "than the " + MAX_SYNAPSES + " the partitioner enumerates");
        }
        Wiring w = Wiring.of(net);
        boolean[] shared = new boolean[w.fwd.length];
        for (int j = 0; j < shared.length; j++) {
            shared[j] = p.getConvSupported() && net.projection(j).sharedWeightsPerChannel() > 0;
        }
        List<String> violations = new ArrayList<>();
        PopulationSpec in = net.inputPopulation();
        if (p.getMaxInputChannels() > 0 && in.size() > p.getMaxInputChannels()) {
            violations.add(String.format("max_input_channels: input population '%s' has %d neurons, the limit is %d "
                    + "(exceeds by %d)", in.name(), in.size(), p.getMaxInputChannels(),
                    in.size() - p.getMaxInputChannels()));
        }
        Placement placement = new Placement(net, p, w, shared, violations);
        for (int q = 0; q < net.populations().size(); q++) {
            placement.place(q);
        }
        int physicalCores = placement.physical.size();
        List<Deployment.Route> routes = new ArrayList<>();
        int[] fanOutCores = route(net, w, placement.coreOf, physicalCores, routes);
        int neurons = w.fanIn.length;
        int worstOut = 0;
        for (int g = 1; g < neurons; g++) {
            if (fanOutCores[g] > fanOutCores[worstOut]) {
                worstOut = g;
            }
        }
        if (p.getMaxFanOutCores() > 0 && neurons > 0 && fanOutCores[worstOut] > p.getMaxFanOutCores()) {
            int q = populationOf(w.offset, worstOut);
            violations.add(String.format("max_fan_out_cores: neuron %d of population '%s' sends to %d cores, the "
                            + "limit is %d (exceeds by %d)", worstOut - w.offset[q], net.population(q).name(),
                    fanOutCores[worstOut], p.getMaxFanOutCores(), fanOutCores[worstOut] - p.getMaxFanOutCores()));
        }
        int chips = (int) ((physicalCores + (long) p.getCoresPerChip() - 1) / p.getCoresPerChip());
        for (Deployment.Core c : placement.cores) {
            c.chip = c.id / p.getCoresPerChip();
        }
        if (p.getMaxChips() > 0 && chips > p.getMaxChips()) {
            violations.add(String.format("max_chips: %d cores need %d chips of %d cores, the limit is %d chips "
                            + "(exceeds by %d chips, %d cores)", physicalCores, chips, p.getCoresPerChip(),
                    p.getMaxChips(), chips - p.getMaxChips(),
                    physicalCores - (long) p.getMaxChips() * p.getCoresPerChip()));
        }
        Deployment d = new Deployment(net, profile, placement.cores, placement.physical, routes, chips, w.fanIn,
                fanOutCores, w.offset);
        if (!violations.isEmpty()) {
            throw new DoesNotFitException(net.name(), profile.name(), violations, d.report());
        }
        return d;
    }

    /**
     * The synapses of a network over global neuron indices: population offsets, each projection's targets per
     * source neuron, fan-in per neuron (repeated pairs counted once per projection), and the reverse lists (the
     * global sources of each neuron, {@code rev[revStart[g] .. revStart[g + 1])}) for counting distinct axons.
     */
    private record Wiring(int[] offset, int[][][] fwd, int[] fanIn, int[] rev, int[] revStart) {
        static Wiring of(NetworkSpec net) {
            int pops = net.populations().size();
            int[] offset = new int[pops + 1];
            for (int q = 0; q < pops; q++) {
                offset[q + 1] = offset[q] + net.population(q).size();
            }
            int neurons = offset[pops];
            int projs = net.projections().size();
            int[][][] fwd = new int[projs][][];
            int[] fanIn = new int[neurons];
            for (int j = 0; j < projs; j++) {
                ProjectionSpec pr = net.projection(j);
                fwd[j] = Connectivity.targetsOf(net, pr);
                int base = offset[pr.target()];
                for (int[] t : fwd[j]) {
                    for (int o : t) {
                        fanIn[base + o]++;
                    }
                }
            }
            int[] revStart = new int[neurons + 1];
            for (int g = 0; g < neurons; g++) {
                revStart[g + 1] = revStart[g] + fanIn[g];
            }
            int[] rev = new int[revStart[neurons]];
            int[] fill = Arrays.copyOf(revStart, neurons);
            for (int j = 0; j < projs; j++) {
                ProjectionSpec pr = net.projection(j);
                int sourceBase = offset[pr.source()];
                int targetBase = offset[pr.target()];
                for (int i = 0; i < fwd[j].length; i++) {
                    for (int o : fwd[j][i]) {
                        rev[fill[targetBase + o]++] = sourceBase + i;
                    }
                }
            }
            return new Wiring(offset, fwd, fanIn, rev, revStart);
        }
    }

    /** The greedy placement of the populations onto cores, population by population. */
    private static final class Placement {
        final NetworkSpec net;
        final TargetProfileProto p;
        final Wiring w;
        final boolean[] shared;
        final List<String> violations;
        final List<Deployment.Core> cores = new ArrayList<>();
        final List<Deployment.PhysicalCore> physical = new ArrayList<>();
        /** Core of each global neuron, -1 while unplaced (or on the host). */
        final int[] coreOf;
        /** The last core each global neuron was counted as an input axon of. */
        final int[] axonStamp;
        final long neuronsPerCore;
        final long synapsesPerCore;
        final long axonsPerCore;

        Placement(NetworkSpec net, TargetProfileProto p, Wiring w, boolean[] shared, List<String> violations) {
            this.net = net;
            this.p = p;
            this.w = w;
            this.shared = shared;
            this.violations = violations;
            int neurons = w.fanIn.length;
            coreOf = new int[neurons];
            Arrays.fill(coreOf, -1);
            axonStamp = new int[neurons];
            Arrays.fill(axonStamp, -1);
            neuronsPerCore = p.getNeuronsPerCore();
            synapsesPerCore = p.getSynapsesPerCore() == 0 ? Long.MAX_VALUE : p.getSynapsesPerCore();
            axonsPerCore = p.getAxonsPerCore() == 0 ? Long.MAX_VALUE : p.getAxonsPerCore();
        }

        /** Places population q's neurons in index order, opening a core when the next one does not fit. */
        void place(int q) {
            PopulationSpec pop = net.population(q);
            if (pop.isInput() && p.getInputOnHost()) {
                return;
            }
            checkFanIn(q);
            long sharedCost = sharedCost(q);
            int hw = pop.shape().height() * pop.shape().width();
            Deployment.Core core = null;
            boolean reuse = p.getPopulationsShareCores() && !physical.isEmpty();
            boolean aloneReported = false;
            for (int n = 0; n < pop.size(); n++) {
                int g = w.offset[q] + n;
                for (int attempt = 0; attempt < 2; attempt++) {
                    if (core == null) {
                        if (!reuse) {
                            physical.add(new Deployment.PhysicalCore());
                        }
                        reuse = false;
                        core = new Deployment.Core(physical.size() - 1, pop.name(), q, n);
                        cores.add(core);
                    }
                    Deployment.PhysicalCore load = physical.get(core.id);
                    int channel = n / hw;
                    long cost = explicitSynapses(g, w.rev, w.revStart, w.offset, net, shared)
                            + (channel != core.lastChannel ? sharedCost : 0);
                    int newAxons = 0;
                    for (int k = w.revStart[g]; k < w.revStart[g + 1]; k++) {
                        if (axonStamp[w.rev[k]] != core.id) {
                            newAxons++;
                            axonStamp[w.rev[k]] = core.id;
                        }
                    }
                    boolean fits = load.neurons + 1 <= neuronsPerCore && load.synapses + cost <= synapsesPerCore
                            && load.axons + newAxons <= axonsPerCore;
                    if (fits || load.neurons == 0) {
                        if (!fits && !aloneReported) {
                            aloneReported = true;
                            violations.add(String.format("synapses_per_core/axons_per_core: neuron %d of population "
                                            + "'%s' alone needs %d synapses and %d input axons, a core holds %s "
                                            + "synapses and %s axons (later neurons not listed)", n, pop.name(),
                                    cost, newAxons, limit(p.getSynapsesPerCore()), limit(p.getAxonsPerCore())));
                        }
                        core.neurons++;
                        core.synapses += cost;
                        core.axons += newAxons;
                        load.neurons++;
                        load.synapses += cost;
                        load.axons += newAxons;
                        core.lastChannel = channel;
                        core.maxFanIn = Math.max(core.maxFanIn, w.fanIn[g]);
                        coreOf[g] = core.id;
                        break;
                    }
                    if (core.neurons == 0) {
                        cores.remove(cores.size() - 1);
                    }
                    core = null;
                }
            }
        }

        /** The max_fan_in violation of population q's neuron with the largest fan-in, if any. */
        private void checkFanIn(int q) {
            PopulationSpec pop = net.population(q);
            int worst = -1;
            for (int n = 0; n < pop.size(); n++) {
                int g = w.offset[q] + n;
                if (worst < 0 || w.fanIn[g] > w.fanIn[w.offset[q] + worst]) {
                    worst = n;
                }
            }
            if (p.getMaxFanIn() > 0 && worst >= 0 && w.fanIn[w.offset[q] + worst] > p.getMaxFanIn()) {
                int f = w.fanIn[w.offset[q] + worst];
                violations.add(String.format("max_fan_in: neuron %d of population '%s' has fan-in %d, the limit is %d "
                        + "(exceeds by %d)", worst, pop.name(), f, p.getMaxFanIn(), f - p.getMaxFanIn()));
            }
        }

        /** Synapses a core stores once per output channel of population q: the shared kernels into it. */
        private long sharedCost(int q) {
            long cost = 0;
            for (int j = 0; j < shared.length; j++) {
                ProjectionSpec pr = net.projection(j);
                if (pr.target() == q && shared[j]) {
                    cost += pr.sharedWeightsPerChannel();
                }
            }
            return cost;
        }
    }

    /**
     * The routes (per projection, runs of source neurons on one source core with their target cores and axons, axons
     * numbered per target core in (projection, source index) order); returns the fan-out in cores of each neuron.
     */
    private static int[] route(NetworkSpec net, Wiring w, int[] coreOf, int physicalCores,
                               List<Deployment.Route> routes) {
        int[] fanOutCores = new int[w.fanIn.length];
        int[] coreStamp = new int[Math.max(1, physicalCores)];
        Arrays.fill(coreStamp, -1);
        int[] axonCount = new int[physicalCores];
        List<java.util.Map<Integer, Integer>> axonOf = new ArrayList<>();
        for (int c = 0; c < physicalCores; c++) {
            axonOf.add(new java.util.HashMap<>());
        }
        TouchSet perNeuron = new TouchSet(Math.max(1, physicalCores));
        for (int j = 0; j < w.fwd.length; j++) {
            ProjectionSpec pr = net.projection(j);
            int sourceBase = w.offset[pr.source()];
            int targetBase = w.offset[pr.target()];
            Deployment.Route route = null;
            for (int i = 0; i < w.fwd[j].length; i++) {
                int g = sourceBase + i;
                int srcCore = coreOf[g];
                if (route == null || route.sourceCore != srcCore) {
                    route = new Deployment.Route(srcCore, net.population(pr.source()).name(), i, pr.name());
                    routes.add(route);
                }
                route.neuronCount++;
                for (int o : w.fwd[j][i]) {
                    perNeuron.add(coreOf[targetBase + o]);
                }
                for (int k = 0; k < perNeuron.size(); k++) {
                    int tc = perNeuron.get(k);
                    Integer axon = axonOf.get(tc).get(g);
                    if (axon == null) {
                        axon = axonCount[tc]++;
                        axonOf.get(tc).put(g, axon);
                    }
                    route.addTarget(tc, axon);
                    if (coreStamp[tc] != g) {
                        coreStamp[tc] = g;
                        fanOutCores[g]++;
                    }
                }
                perNeuron.clear();
            }
            Arrays.fill(coreStamp, -1);
        }
        return fanOutCores;
    }

    private static String limit(long v) {
        return v == 0 ? "unlimited" : Long.toString(v);
    }

    static int populationOf(int[] offset, int g) {
        int q = 0;
        while (offset[q + 1] <= g) {
            q++;
        }
        return q;
    }

    /** Synapses neuron g stores explicitly: its fan-in from projections whose kernels are not shared. */
    private static long explicitSynapses(int g, int[] rev, int[] revStart, int[] offset, NetworkSpec net,
                                         boolean[] shared) {
        boolean any = false;
        for (boolean s : shared) {
            any |= s;
        }
        if (!any) {
            return (long) revStart[g + 1] - revStart[g];
        }
        int q = populationOf(offset, g);
        long n = 0;
        for (int k = revStart[g]; k < revStart[g + 1]; k++) {
            int src = populationOf(offset, rev[k]);
            boolean viaShared = false;
            for (int j = 0; j < shared.length; j++) {
                ProjectionSpec pr = net.projection(j);
                if (shared[j] && pr.source() == src && pr.target() == q) {
                    viaShared = true;
                    break;
                }
            }
            if (!viaShared) {
                n++;
            }
        }
        return n;
    }
}
