package io.snn4j.report;

import io.snn4j.event.InputSpikes;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Hm2BpInspector;
import io.snn4j.train.TrainingConfig;
import java.util.List;

/** A 1-D slice of the loss: the mean logged cost of some samples at W + alpha * step for several alpha. Stateless. */
final class LossSlice {
    private LossSlice() {
    }

    /**
     * @param step   per trainable layer, in the layout of {@link io.snn4j.train.UpdateStats#step}
     * @param alphas where to evaluate
     * @return the mean cost of {@code samples} at each alpha
     */
    static double[] costs(NetworkSpec spec, TrainingConfig config, float[][] step, double[] alphas,
                          List<InputSpikes> samples, int[] labels) {
        double[] costs = new double[alphas.length];
        for (int a = 0; a < alphas.length; a++) {
            Hm2BpInspector at = new Hm2BpInspector(Hm2BpInspector.along(spec, config, step, alphas[a]), config);
            double sum = 0;
            for (int s = 0; s < samples.size(); s++) {
                sum += at.cost(samples.get(s), labels[s]);
            }
            costs[a] = samples.isEmpty() ? 0 : sum / samples.size();
        }
        return costs;
    }
}
