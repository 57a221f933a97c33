package io.snn4j.train;

/**
 * The macro level of HM2-BP (hm2bp-spec 3): target spike counts, the dead-zone error, the output error divided by the
 * output threshold, the logged cost and the decision rule.
 *
 * <pre>
 *   y_i      = desired for the label neuron, undesired for the others
 *   dE/do_i  = (o_i - y_i)  if |o_i - y_i| &gt; margin (strict), else 0
 *   delta_i  = boost * dE/do_i / threshold
 *   cost     = sum over i with |o_i - y_i| &gt; margin of (o_i - y_i)^2     (no 1/2; for logging only)
 * </pre>
 * Immutable and thread-safe.
 *
 * @param desired   target count of the label neuron (reference 35)
 * @param undesired target count of the other neurons (reference 5)
 * @param margin    dead-zone half width (reference 5)
 */
public record RateLoss(int desired, int undesired, int margin) {
    public RateLoss {
        if (desired < 0 || undesired < 0 || margin < 0) {
            throw new IllegalArgumentException("rate loss: desired, undesired and margin must be >= 0, were "
                    + desired + ", " + undesired + " and " + margin);
        }
    }

    /** The reference setting 35 / 5 / 5. */
    public static RateLoss reference() {
        return new RateLoss(35, 5, 5);
    }

    /** Target count of neuron {@code i} for a sample of class {@code label}. */
    public int target(int i, int label) {
        return i == label ? desired : undesired;
    }

    /** The dead-zone error {@code dE/do} of one output neuron. */
    public double error(int count, int target) {
        int d = count - target;
        return Math.abs(d) > margin ? d : 0;
    }

    /**
     * Writes the output deltas and returns the logged cost.
     *
     * @param counts    read; output spike counts, first {@code n}
     * @param delta     written; {@code boost * dE/do_i / threshold}, first {@code n}
     * @param boost     the sample's boosting weight
     * @param threshold threshold of the output layer
     */
    public double deltas(int[] counts, int n, int label, double boost, double threshold, double[] delta) {
        double cost = 0;
        for (int i = 0; i < n; i++) {
            double err = error(counts[i], target(i, label));
            cost += err * err;
            delta[i] = boost * err / threshold;
        }
        return cost;
    }

    /**
     * The class with most spikes, ties to the lowest index; 0 when no neuron spiked (the reference's accounting:
     * callers that must tell "no output spikes" apart check {@link #silent}).
     */
    public static int decide(int[] counts, int from, int n) {
        int best = 0;
        int bestCount = counts[from];
        for (int i = 1; i < n; i++) {
            if (counts[from + i] > bestCount) {
                bestCount = counts[from + i];
                best = i;
            }
        }
        return best;
    }

    /** Whether no output neuron spiked. */
    public static boolean silent(int[] counts, int from, int n) {
        for (int i = 0; i < n; i++) {
            if (counts[from + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
