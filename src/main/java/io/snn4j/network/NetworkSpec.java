package io.snn4j.network;

import io.vavr.collection.Vector;
import java.util.List;

/**
 * An immutable network: populations, projections (recurrence allowed), the input population that external spikes
 * drive, an optional classifier output population, the tick length and the default run length.
 *
 * <p>Construction validates every rule at once ({@link NetworkValidator}) and throws one
 * {@link InvalidNetworkException} listing all problems, before anything large is allocated. Thread-safe.
 *
 * @param name       model name (may be empty)
 * @param usPerTick  microseconds per tick, &gt; 0
 * @param ticks      default number of ticks to simulate, &gt; 0
 * @param seed       seed used for anything drawn at load time
 * @param populations populations in index order
 * @param projections projections in index order; delivery order within a tick follows this order
 * @param input      index of the input population
 * @param output     index of the classifier output population, or -1
 */
public record NetworkSpec(String name, double usPerTick, int ticks, long seed, Vector<PopulationSpec> populations,
                          Vector<ProjectionSpec> projections, int input, int output) {

    public NetworkSpec {
        List<String> problems = NetworkValidator.problems(usPerTick, ticks, populations, projections, input, output);
        if (!problems.isEmpty()) {
            throw new InvalidNetworkException(name, problems);
        }
    }

    /**
     * Every rule the parts break, without constructing a spec (loaders use it to report problems of their own
     * together with these).
     */
    public static List<String> problems(double usPerTick, int ticks, Vector<PopulationSpec> populations,
                                        Vector<ProjectionSpec> projections, int input, int output) {
        return NetworkValidator.problems(usPerTick, ticks, populations, projections, input, output);
    }

    public PopulationSpec population(int i) {
        return populations.get(i);
    }

    public ProjectionSpec projection(int i) {
        return projections.get(i);
    }

    /** Index of the population called {@code name}, or -1. */
    public int populationIndex(String populationName) {
        return populations.indexWhere(p -> p.name().equals(populationName));
    }

    public int neuronCount() {
        return populations.map(PopulationSpec::size).sum().intValue();
    }

    /** Whether the LIF populations run in integer mode (then all of them do; see {@link PopulationSpec#fixedPoint}). */
    public boolean isInteger() {
        return populations.exists(PopulationSpec::isInteger);
    }

    public PopulationSpec inputPopulation() {
        return populations.get(input);
    }
}
