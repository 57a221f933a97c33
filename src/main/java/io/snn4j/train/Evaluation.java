package io.snn4j.train;

/**
 * Test-set result. Immutable (arrays are copied on access).
 *
 * @param samples          samples evaluated
 * @param correct          samples whose decision (most spikes, ties lowest, silent: class 0) equals the label
 * @param noOutputSpikes   samples whose output layer did not spike
 * @param meanOutputSpikes mean total output spikes per sample
 * @param confusion        [label][decision] counts
 */
public record Evaluation(int samples, int correct, int noOutputSpikes, double meanOutputSpikes, int[][] confusion) {
    public Evaluation {
        confusion = deepCopy(confusion);
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
