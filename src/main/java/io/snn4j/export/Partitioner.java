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
        List<String> violations = new ArrayList<>();
        long total = 0;
        for (ProjectionSpec pr : net.projections()) {
            total += pr.synapseCount(net);
        }
        if (total > MAX_SYNAPSES) {
            throw new IllegalArgumentException("model '" + net.name() + "' has about " + total + " synapses, more "
                    + "than the " + MAX_SYNAPSES + " the partitioner enumerates");
        }
        int pops = net.populations().size();
        int[] offset = new int[pops + 1];
        for (int q = 0; q < pops; q++) {
            offset[q + 1] = offset[q] + net.population(q).size();
        }
        int neurons = offset[pops];
        int projs = net.projections().size();
        int[][][] fwd = new int[projs][][];
        // fan-in per global neuron (synapses, repeated pairs counted once per projection)
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
        // reverse lists: global sources of each global neuron, for distinct-axon counting
        int[] revStart = new int[neurons + 1];
        for (int g = 0; g < neurons; g++) {
            revStart[g + 1] = revStart[g] + fanIn[g];
        }
        int[] rev = new int[revStart[neurons]];
        int[] fill = Arrays.copyOf(revStart, neurons);
        for (int j = 0; j < projs; j++) {
            ProjectionSpec pr = net.projection(j);
            int sb = offset[pr.source()];
            int tb = offset[pr.target()];
            for (int i = 0; i < fwd[j].length; i++) {
                for (int o : fwd[j][i]) {
                    rev[fill[tb + o]++] = sb + i;
                }
            }
        }
        boolean[] shared = new boolean[projs];
        for (int j = 0; j < projs; j++) {
            ProjectionSpec pr = net.projection(j);
            shared[j] = p.getConvSupported() && (pr instanceof ProjectionSpec.Conv2d
                    || pr instanceof ProjectionSpec.Pool);
        }
        int[] coreOf = new int[neurons];
        Arrays.fill(coreOf, -1);
        int[] axonStamp = new int[neurons];
        Arrays.fill(axonStamp, -1);
        List<Deployment.Core> cores = new ArrayList<>();
        // per physical core: neurons, synapses, axons
        List<long[]> phys = new ArrayList<>();
        long npc = p.getNeuronsPerCore();
        long spc = p.getSynapsesPerCore() == 0 ? Long.MAX_VALUE : p.getSynapsesPerCore();
        long apc = p.getAxonsPerCore() == 0 ? Long.MAX_VALUE : p.getAxonsPerCore();
        PopulationSpec in = net.inputPopulation();
        if (p.getMaxInputChannels() > 0 && in.size() > p.getMaxInputChannels()) {
            violations.add(String.format("max_input_channels: input population '%s' has %d neurons, the limit is %d "
                    + "(exceeds by %d)", in.name(), in.size(), p.getMaxInputChannels(),
                    in.size() - p.getMaxInputChannels()));
        }
        for (int q = 0; q < pops; q++) {
            PopulationSpec pop = net.population(q);
            if (pop.isInput() && p.getInputOnHost()) {
                continue;
            }
            int worst = -1;
            for (int n = 0; n < pop.size(); n++) {
                int g = offset[q] + n;
                if (worst < 0 || fanIn[g] > fanIn[offset[q] + worst]) {
                    worst = n;
                }
            }
            if (p.getMaxFanIn() > 0 && worst >= 0 && fanIn[offset[q] + worst] > p.getMaxFanIn()) {
                int f = fanIn[offset[q] + worst];
                violations.add(String.format("max_fan_in: neuron %d of population '%s' has fan-in %d, the limit is %d "
                        + "(exceeds by %d)", worst, pop.name(), f, p.getMaxFanIn(), f - p.getMaxFanIn()));
            }
            // shared-kernel cost per channel, per projection into this population
            long sharedCost = 0;
            for (int j = 0; j < projs; j++) {
                ProjectionSpec pr = net.projection(j);
                if (pr.target() == q && shared[j]) {
                    sharedCost += pr instanceof ProjectionSpec.Conv2d c ? (long) c.inChannels() * c.kernel()
                            * c.kernel() : 1;
                }
            }
            int hw = pop.shape().height() * pop.shape().width();
            Deployment.Core core = null;
            boolean reuse = p.getPopulationsShareCores() && !phys.isEmpty();
            boolean aloneReported = false;
            for (int n = 0; n < pop.size(); n++) {
                int g = offset[q] + n;
                for (int attempt = 0; attempt < 2; attempt++) {
                    if (core == null) {
                        if (!reuse) {
                            phys.add(new long[3]);
                        }
                        reuse = false;
                        core = new Deployment.Core(phys.size() - 1, pop.name(), q, n);
                        cores.add(core);
                    }
                    long[] pc = phys.get(core.id);
                    int channel = n / hw;
                    long cost = explicitSynapses(g, rev, revStart, offset, net, shared)
                            + (channel != core.lastChannel ? sharedCost : 0);
                    int newAxons = 0;
                    for (int k = revStart[g]; k < revStart[g + 1]; k++) {
                        if (axonStamp[rev[k]] != core.id) {
                            newAxons++;
                            axonStamp[rev[k]] = core.id;
                        }
                    }
                    boolean fits = pc[0] + 1 <= npc && pc[1] + cost <= spc && pc[2] + newAxons <= apc;
                    if (fits || pc[0] == 0) {
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
                        pc[0]++;
                        pc[1] += cost;
                        pc[2] += newAxons;
                        core.lastChannel = channel;
                        core.maxFanIn = Math.max(core.maxFanIn, fanIn[g]);
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
        // fan-out in cores per neuron, and routes
        int[] fanOutCores = new int[neurons];
        int[] coreStamp = new int[Math.max(1, phys.size())];
        Arrays.fill(coreStamp, -1);
        // axon numbering per target core: sources in (projection, source index) order
        int[] axonCount = new int[phys.size()];
        List<java.util.Map<Integer, Integer>> axonOf = new ArrayList<>();
        for (int c = 0; c < phys.size(); c++) {
            axonOf.add(new java.util.HashMap<>());
        }
        List<Deployment.Route> routes = new ArrayList<>();
        TouchSet perNeuron = new TouchSet(Math.max(1, phys.size()));
        for (int j = 0; j < projs; j++) {
            ProjectionSpec pr = net.projection(j);
            int sb = offset[pr.source()];
            int tb = offset[pr.target()];
            Deployment.Route route = null;
            for (int i = 0; i < fwd[j].length; i++) {
                int srcCore = coreOf[sb + i];
                if (route == null || route.sourceCore != srcCore) {
                    route = new Deployment.Route(srcCore, net.population(pr.source()).name(), i, pr.name());
                    routes.add(route);
                }
                route.neuronCount++;
                for (int o : fwd[j][i]) {
                    int tc = coreOf[tb + o];
                    perNeuron.add(tc);
                }
                for (int k = 0; k < perNeuron.size(); k++) {
                    int tc = perNeuron.get(k);
                    Integer axon = axonOf.get(tc).get(sb + i);
                    if (axon == null) {
                        axon = axonCount[tc]++;
                        axonOf.get(tc).put(sb + i, axon);
                    }
                    route.addTarget(tc, axon);
                    if (coreStamp[tc] != sb + i) {
                        coreStamp[tc] = sb + i;
                        fanOutCores[sb + i]++;
                    }
                }
                perNeuron.clear();
            }
            Arrays.fill(coreStamp, -1);
        }
        int worstOut = 0;
        for (int g = 1; g < neurons; g++) {
            if (fanOutCores[g] > fanOutCores[worstOut]) {
                worstOut = g;
            }
        }
        if (p.getMaxFanOutCores() > 0 && neurons > 0 && fanOutCores[worstOut] > p.getMaxFanOutCores()) {
            int q = populationOf(offset, worstOut);
            violations.add(String.format("max_fan_out_cores: neuron %d of population '%s' sends to %d cores, the "
                            + "limit is %d (exceeds by %d)", worstOut - offset[q], net.population(q).name(),
                    fanOutCores[worstOut], p.getMaxFanOutCores(), fanOutCores[worstOut] - p.getMaxFanOutCores()));
        }
        int chips = (int) ((phys.size() + (long) p.getCoresPerChip() - 1) / p.getCoresPerChip());
        for (Deployment.Core c : cores) {
            c.chip = c.id / p.getCoresPerChip();
        }
        if (p.getMaxChips() > 0 && chips > p.getMaxChips()) {
            violations.add(String.format("max_chips: %d cores need %d chips of %d cores, the limit is %d chips "
                            + "(exceeds by %d chips, %d cores)", phys.size(), chips, p.getCoresPerChip(),
                    p.getMaxChips(), chips - p.getMaxChips(),
                    phys.size() - (long) p.getMaxChips() * p.getCoresPerChip()));
        }
        Deployment d = new Deployment(net, profile, cores, phys, routes, chips, fanIn, fanOutCores, offset);
        if (!violations.isEmpty()) {
            throw new DoesNotFitException(net.name(), profile.name(), violations, d.report());
        }
        return d;
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
