package io.snn4j.runtime;

/**
 * How a {@link Session} turns output spikes into its current class: the output neuron with the most evidence (ties
 * to the lowest index; none while all evidence is 0).
 */
public sealed interface DecisionRule {
    /** Evidence = spikes since {@link Session#reset()}: the decision of {@code eval} on a recording. */
    record Cumulative() implements DecisionRule {
    }

    /** Evidence = spikes of the last {@code windowUs} microseconds (whole ticks, at least one). */
    record Window(long windowUs) implements DecisionRule {
        public Window {
            if (windowUs < 1) {
                throw new IllegalArgumentException("decision window must be >= 1 us, was " + windowUs);
            }
        }
    }

    /** Evidence decays by {@code exp(-dt / tauUs)} per tick and each spike adds one. */
    record Decay(long tauUs) implements DecisionRule {
        public Decay {
            if (tauUs < 1) {
                throw new IllegalArgumentException("decision decay time constant must be >= 1 us, was " + tauUs);
            }
        }
    }

    /**
     * {@code cumulative}, {@code window:MS} or {@code decay:MS} (milliseconds, may be fractional).
     *
     * @throws IllegalArgumentException naming the problem
     */
    static DecisionRule parse(String s) {
        String v = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("cumulative")) {
            return new Cumulative();
        }
        int colon = v.indexOf(':');
        if (colon > 0) {
            double ms;
            try {
                ms = Double.parseDouble(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                ms = Double.NaN;
            }
            if (!(ms > 0 && ms < 1e9)) {
                throw new IllegalArgumentException("decision '" + s + "': the time must be a number of "
                        + "milliseconds > 0");
            }
            long us = Math.max(1, Math.round(ms * 1000));
            switch (v.substring(0, colon)) {
                case "window" -> {
                    return new Window(us);
                }
                case "decay" -> {
                    return new Decay(us);
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("decision '" + s + "' must be cumulative, window:MS or decay:MS");
    }
}
