package io.snn4j.export;

import io.snn4j.export.proto.CoreProto;
import io.snn4j.export.proto.DeploymentProto;
import io.snn4j.export.proto.RouteProto;
import io.snn4j.export.proto.TargetProfileProto;
import io.snn4j.network.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network placed on the cores of a hardware profile: cores, routing table and the resource report. */
final class Deployment {
    /** Cores listed one by one in the report; beyond this only the per-population summary is printed. */
    static final int REPORT_CORES = 24;

    /** One core: a contiguous neuron range of one population (mutable while the partitioner fills it). */
    static final class Core {
        final int id;
        final String population;
        final int populationIndex;
        final int firstNeuron;
        int chip;
        int neurons;
        long synapses;
        int axons;
        int maxFanIn;
        int lastChannel = -1;

        Core(int id, String population, int populationIndex, int firstNeuron) {
            this.id = id;
            this.population = population;
            this.populationIndex = populationIndex;
            this.firstNeuron = firstNeuron;
        }
    }

    /**
     * What one physical core holds, summed over the populations that share it (mutable while the partitioner fills
     * it).
     */
    static final class PhysicalCore {
        long neurons;
        long synapses;
        long axons;
    }

    /** Spikes of a neuron range of one source core (or the host, -1) through one projection. */
    static final class Route {
        final int sourceCore;
        final String population;
        final int firstNeuron;
        final String projection;
        int neuronCount;
        final Map<Integer, Integer> firstAxon = new LinkedHashMap<>();

        Route(int sourceCore, String population, int firstNeuron, String projection) {
            this.sourceCore = sourceCore;
            this.population = population;
            this.firstNeuron = firstNeuron;
            this.projection = projection;
        }

        void addTarget(int core, int axon) {
            firstAxon.putIfAbsent(core, axon);
        }
    }

    final NetworkSpec net;
    final TargetProfile profile;
    final List<Core> cores;
    /** What each physical core holds. */
    final List<PhysicalCore> physical;
    final List<Route> routes;
    final int chips;
    private final int[] fanIn;
    private final int[] fanOutCores;
    private final int[] offset;

    Deployment(NetworkSpec net, TargetProfile profile, List<Core> cores, List<PhysicalCore> physical,
               List<Route> routes,
               int chips, int[] fanIn, int[] fanOutCores, int[] offset) {
        this.net = net;
        this.profile = profile;
        this.cores = cores;
        this.physical = physical;
        this.routes = routes;
        this.chips = chips;
        this.fanIn = fanIn;
        this.fanOutCores = fanOutCores;
        this.offset = offset;
    }

    DeploymentProto toProto() {
        DeploymentProto.Builder b = DeploymentProto.newBuilder().setFormatVersion(1).setModelName(net.name())
                .setProfile(profile.name()).setChips(chips);
        for (Core c : cores) {
            b.addCores(CoreProto.newBuilder().setId(c.id).setChip(c.chip).setPopulation(c.population)
                    .setFirstNeuron(c.firstNeuron).setNeuronCount(c.neurons).setSynapses(c.synapses)
                    .setMaxFanIn(c.maxFanIn).setAxons(c.axons));
        }
        for (Route r : routes) {
            if (r.firstAxon.isEmpty()) {
                continue;
            }
            RouteProto.Builder rb = RouteProto.newBuilder().setSourceCore(r.sourceCore).setPopulation(r.population)
                    .setFirstNeuron(r.firstNeuron).setNeuronCount(r.neuronCount).setProjection(r.projection);
            r.firstAxon.forEach((core, axon) -> rb.addTargetCores(core).addAxonOffsets(axon));
            b.addRoutes(rb);
        }
        return b.build();
    }

    private static String lim(long v) {
        return v == 0 ? "none" : Long.toString(v);
    }

    /** The resource report: totals against the profile's limits, per population, then per core. */
    String report() {
        TargetProfileProto p = profile.proto();
        StringBuilder sb = new StringBuilder();
        int maxNeurons = 0;
        long maxSyn = 0;
        long totalSyn = 0;
        int maxAxons = 0;
        for (PhysicalCore c : physical) {
            maxNeurons = (int) Math.max(maxNeurons, c.neurons);
            maxSyn = Math.max(maxSyn, c.synapses);
            maxAxons = (int) Math.max(maxAxons, c.axons);
            totalSyn += c.synapses;
        }
        int maxIn = 0;
        int maxOut = 0;
        for (int f : fanIn) {
            maxIn = Math.max(maxIn, f);
        }
        for (int f : fanOutCores) {
            maxOut = Math.max(maxOut, f);
        }
        sb.append(String.format("resource report: model '%s' on hw:%s (%s)%n", net.name(), profile.name(),
                p.getName()));
        sb.append(String.format("  cores used           %d (%d per chip) on %d chip(s)%s%n", physical.size(),
                p.getCoresPerChip(), chips, p.getMaxChips() > 0 ? ", limit " + p.getMaxChips() + " chip(s)" : ""));
        sb.append(String.format("  neurons per core     max %d of %d%n", maxNeurons, p.getNeuronsPerCore()));
        sb.append(String.format("  synapses per core    max %d of %s (%d stored in all)%n", maxSyn,
                lim(p.getSynapsesPerCore()), totalSyn));
        sb.append(String.format("  input axons per core max %d of %s%n", maxAxons, lim(p.getAxonsPerCore())));
        sb.append(String.format("  max fan-in           %d synapses (limit %s)%n", maxIn, lim(p.getMaxFanIn())));
        sb.append(String.format("  max fan-out          %d cores (limit %s)%n", maxOut, lim(p.getMaxFanOutCores())));
        sb.append(String.format("  weights              %d bits on the target%s; convolution %s%n", p.getWeightBits(),
                p.getWeightBits() < 32 ? " (export with fixed:8 or fixed:16 to quantize)" : "",
                p.getConvSupported() ? "with shared kernels" : "expanded into explicit synapses"));
        sb.append(String.format("  %-16s %8s %6s %14s %16s %8s %8s%n", "population", "neurons", "cores",
                "max neur/core", "max syn/core", "fan-in", "fan-out"));
        for (int q = 0; q < net.populations().size(); q++) {
            int nCores = 0;
            int mn = 0;
            long ms = 0;
            for (Core c : cores) {
                if (c.populationIndex == q) {
                    nCores++; // segments: equal to cores unless populations share cores
                    mn = Math.max(mn, c.neurons);
                    ms = Math.max(ms, c.synapses);
                }
            }
            int fi = 0;
            int fo = 0;
            for (int g = offset[q]; g < offset[q + 1]; g++) {
                fi = Math.max(fi, fanIn[g]);
                fo = Math.max(fo, fanOutCores[g]);
            }
            sb.append(String.format("  %-16s %8d %6s %14s %16s %8d %8d%n", net.population(q).name(),
                    net.population(q).size(), nCores == 0 ? "host" : Integer.toString(nCores),
                    nCores == 0 ? "-" : Integer.toString(mn), nCores == 0 ? "-" : Long.toString(ms), fi, fo));
        }
        sb.append(String.format("  %-5s %-5s %-16s %14s %10s %8s %8s%n", "core", "chip", "population", "neurons",
                "synapses", "axons", "fan-in"));
        for (int k = 0; k < Math.min(cores.size(), REPORT_CORES); k++) {
            Core c = cores.get(k);
            sb.append(String.format("  %-5d %-5d %-16s %14s %10d %8d %8d%n", c.id, c.chip, c.population,
                    c.firstNeuron + ".." + (c.firstNeuron + c.neurons - 1), c.synapses, c.axons, c.maxFanIn));
        }
        if (cores.size() > REPORT_CORES) {
            sb.append(String.format("  ... %d more cores (all in the routing file)%n", cores.size() - REPORT_CORES));
        }
        return sb.toString().stripTrailing();
    }
}
