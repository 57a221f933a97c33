package io.snn4j.network;

import io.snn4j.neuron.FixedLifParameters;
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
 * @param fixedPoint integer-mode parameters, or null: a LIF population that has them is simulated in the exact
 *                   integer arithmetic of {@link FixedLifParameters} (its incoming weights are then integers)
 */
public record PopulationSpec(String name, Shape shape, LifParameters lif, double vInitLow, double vInitHigh,
                             FixedLifParameters fixedPoint) {
    public PopulationSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("population name must not be empty");
        }
        if (shape == null) {
            throw new IllegalArgumentException("population '" + name + "': shape must be given");
        }
        if (fixedPoint != null && lif == null) {
            throw new IllegalArgumentException("population '" + name + "': only a LIF population has integer mode");
        }
    }

    /** A population simulated in float (no integer mode). */
    public PopulationSpec(String name, Shape shape, LifParameters lif, double vInitLow, double vInitHigh) {
        this(name, shape, lif, vInitLow, vInitHigh, null);
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
        return new PopulationSpec(name, shape, lif, low, high, fixedPoint);
    }

    /** A copy simulated in integer mode with {@code f} (null: in float). */
    public PopulationSpec withFixedPoint(FixedLifParameters f) {
        return new PopulationSpec(name, shape, lif, vInitLow, vInitHigh, f);
    }

    public boolean isInteger() {
        return fixedPoint != null;
    }

    public boolean isInput() {
        return lif == null;
    }

    public int size() {
        return shape.size();
    }
}
