package io.snn4j.network;

import io.snn4j.neuron.LifParameters;

/**
 * A named population: either spike sources driven by input ({@code lif == null}) or LIF neurons. Immutable.
 *
 * @param name  unique name within the network
 * @param shape neuron layout
 * @param lif   neuron parameters, or null for an input population
 * @param vInitLow  initial membrane potentials are drawn uniform in [vInitLow, vInitHigh] (0 and 0: start at rest),
 *                  from the network seed and the population index; see {@link CompiledNetwork#initialPotentials}
 * @param vInitHigh upper end of the initial potential range
 */
public record PopulationSpec(String name, Shape shape, LifParameters lif, double vInitLow, double vInitHigh) {
    public PopulationSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("population name must not be empty");
        }
        if (shape == null) {
            throw new IllegalArgumentException("population '" + name + "': shape must be given");
        }
    }

    public static PopulationSpec input(String name, Shape shape) {
        return new PopulationSpec(name, shape, null, 0, 0);
    }

    public static PopulationSpec lif(String name, Shape shape, LifParameters lif) {
        if (lif == null) {
            throw new IllegalArgumentException("population '" + name + "': LIF parameters must be given");
        }
        return new PopulationSpec(name, shape, lif, 0, 0);
    }

    /** A copy whose neurons start at potentials uniform in [low, high]. */
    public PopulationSpec withInitialPotentials(double low, double high) {
        return new PopulationSpec(name, shape, lif, low, high);
    }

    public boolean isInput() {
        return lif == null;
    }

    public int size() {
        return shape.size();
    }
}
