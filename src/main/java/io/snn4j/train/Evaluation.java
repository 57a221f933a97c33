package io.snn4j.train;

import java.io.Serializable;

/**
 * Test-set result. Immutable (arrays are copied on access).
 *
 * @param samples          samples evaluated
 * @param correct          samples whose decision (most spikes, ties lowest, silent: class 0) equals the label
 * @param noOutputSpikes   samples whose output layer did not spike
 * @param meanOutputSpikes mean total output spikes per sample
 * @param confusion        [label][decision] counts
 */
public record Evaluation(int samples, int correct, int noOutputSpikes, double meanOutputSpikes, int[][] confusion)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Evaluation {
        confusion = deepCopy(confusion);
    }

    /**
     * The result of classifying each sample.
     *
     * @param labels   label of each sample (read)
     * @param outcomes each sample's outcome, same order (read)
     * @param classes  output neurons
     */
    public static Evaluation of(int[] labels, Outcome[] outcomes, int classes) {
        if (labels.length != outcomes.length) {
            throw new IllegalArgumentException("evaluation: " + labels.length + " labels but " + outcomes.length
                    + " outcomes");
        }
        int n = labels.length;
        int maxLabel = classes - 1;
        for (int label : labels) {
            maxLabel = Math.max(maxLabel, label);
        }
        int[][] confusion = new int[maxLabel + 1][classes];
        int correct = 0;
        int none = 0;
        long spikes = 0;
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes[i];
            confusion[labels[i]][o.decision()]++;
            correct += o.decision() == labels[i] ? 1 : 0;
            none += o.silent() ? 1 : 0;
            spikes += o.outputSpikes();
        }
        return new Evaluation(n, correct, none, n == 0 ? 0 : (double) spikes / n, confusion);
    }

    /**
     * How one test sample was classified. Immutable, serializable (a cluster ships it).
     *
     * @param decision     output neuron with most spikes, ties to the lowest index (0 when silent)
     * @param silent       whether no output neuron spiked
     * @param outputSpikes spikes of the output population
     */
    public record Outcome(int decision, boolean silent, long outputSpikes) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The outcome of output spike counts {@code counts[0..classes)} (read). */
        public static Outcome of(int[] counts, int classes) {
            long sum = 0;
            for (int c : counts) {
                sum += c;
            }
            return new Outcome(RateLoss.decide(counts, 0, classes), RateLoss.silent(counts, 0, classes), sum);
        }
    }

    public double accuracy() {
        return samples == 0 ? 0 : (double) correct / samples;
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
