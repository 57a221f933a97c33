package io.snn4j.network;

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
 * @param populations populations in index order (copied into an unmodifiable list)
 * @param projections projections in index order; delivery order within a tick follows this order
 * @param input      index of the input population
 * @param output     index of the classifier output population, or -1
 */
public record NetworkSpec(String name, double usPerTick, int ticks, long seed, List<PopulationSpec> populations,
                          List<ProjectionSpec> projections, int input, int output) {

    public NetworkSpec {
        populations = List.copyOf(populations);
        projections = List.copyOf(projections);
        List<String> problems = NetworkValidator.problems(usPerTick, ticks, populations, projections, input, output);
        if (!problems.isEmpty()) {
            throw new InvalidNetworkException(name, problems);
        }
    }

    /**
     * Every rule the parts break, without constructing a spec (loaders use it to report problems of their own
     * together with these).
     */
    public static List<String> problems(double usPerTick, int ticks, List<PopulationSpec> populations,
                                        List<ProjectionSpec> projections, int input, int output) {
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
        for (int i = 0; i < populations.size(); i++) {
            if (populations.get(i).name().equals(populationName)) {
                return i;
            }
        }
        return -1;
    }

    public int neuronCount() {
        int n = 0;
        for (PopulationSpec p : populations) {
            n += p.size();
        }
        return n;
    }

    /** Whether the LIF populations run in integer mode (then all of them do; see {@link PopulationSpec#fixedPoint}). */
    public boolean isInteger() {
        return populations.stream().anyMatch(PopulationSpec::isInteger);
    }

    public PopulationSpec inputPopulation() {
        return populations.get(input);
    }
}
