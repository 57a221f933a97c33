package io.snn4j.train;

import io.snn4j.data.dataset.Augmentation;
import io.snn4j.model.TrainingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of an HM2-BP training run. Immutable; validated on construction (every problem in one message).
 *
 * @param epochs        epochs the caller intends to run (the trainer runs one per
 *                      {@link Hm2BpTrainer#trainEpoch}), &gt;= 1
 * @param mode          faithful (batch 1) or minibatch
 * @param batchSize     samples per Adam step: 1 in faithful mode, &gt;= 1 in minibatch mode
 * @param threads       worker threads, &gt;= 1 (results do not depend on it)
 * @param seed          seed of the shuffles and of the weight initialisation
 * @param learningRate  base Adam learning rate (reference 0.001), decayed as lr / sqrt(max(1, epoch))
 * @param desired       target count of the label output neuron (35)
 * @param undesired     target count of the other output neurons (5)
 * @param margin        dead zone of the output error (5)
 * @param lambda        regulariser strength (MNIST 10; 0 disables it)
 * @param beta          regulariser exponent (MNIST 0.04)
 * @param weightLimit   regulariser scale W_lim (8), &gt; 0
 * @param boosting      per-sample boosting weights (hm2bp-spec 5.6)
 * @param effectRatio   backpropagate with the S-PSP effect ratios rho' (else rho' = 1)
 * @param initRange     when &gt; 0, weights are redrawn uniform in [-initRange, initRange] from the seed; 0 keeps the
 *                      weights of the network spec
 * @param shuffle       visit the training samples in a fresh permutation each epoch
 */
public record TrainingConfig(int epochs, Mode mode, int batchSize, int threads, long seed, double learningRate,
                             int desired, int undesired, int margin, double lambda, double beta, double weightLimit,
                             boolean boosting, boolean effectRatio, double initRange, boolean shuffle)
        implements java.io.Serializable {

    public TrainingConfig {
        List<String> problems = new ArrayList<>();
        if (epochs < 1) {
            problems.add("epochs must be >= 1, was " + epochs);
        }
        if (mode == null) {
            problems.add("mode must be given");
        } else if (mode == Mode.FAITHFUL && batchSize != 1) {
            problems.add("batchSize must be 1 in faithful mode, was " + batchSize);
        }
        if (batchSize < 1) {
            problems.add("batchSize must be >= 1, was " + batchSize);
        }
        if (threads < 1 || threads > 1024) {
            problems.add("threads must be in [1, 1024], was " + threads);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            problems.add("learningRate must be > 0 and finite, was " + learningRate);
        }
        if (desired < 0 || undesired < 0 || margin < 0) {
            problems.add("desired, undesired and margin must be >= 0, were " + desired + ", " + undesired + " and "
                    + margin);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            problems.add("lambda must be >= 0 and finite, was " + lambda);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            problems.add("beta must be >= 0 and finite, was " + beta);
        }
        if (!(weightLimit > 0) || !Double.isFinite(weightLimit)) {
            problems.add("weightLimit must be > 0 and finite, was " + weightLimit);
        }
        if (!(initRange >= 0) || !Double.isFinite(initRange)) {
            problems.add("initRange must be >= 0 and finite, was " + initRange);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("training config: " + String.join("; ", problems));
        }
    }

    /**
     * The reference MNIST MLP setting: faithful mode, lr 0.001, targets 35/5/5, lambda 10, beta 0.04, W_lim 8,
     * boosting and effect ratios on, weights from the network spec, 1 thread, seed 1.
     */
    public static TrainingConfig reference(int epochs) {
        return new TrainingConfig(epochs, Mode.FAITHFUL, 1, 1, 1, 0.001, 35, 5, 5, 10, 0.04, 8, true, true, 0, true);
    }

    /**
     * The built-in training settings, every field set: {@link #reference}'s trainer settings (faithful mode, lr 0.001
     * falling as 1/sqrt(epoch), lambda 10, beta 0.04, W_lim 8, boosting and effect ratios on, targets 35 / 5 /
     * margin 5, shuffled), 1 epoch, seed 1, batch 16 for minibatch mode, full backpropagation, Adam, no
     * augmentation. What {@code snn4j train} uses for what neither a flag nor the model sets.
     */
    public static TrainingSettings builtInSettings() {
        TrainingConfig r = reference(1);
        return new TrainingSettings(r.lambda(), r.beta(), r.weightLimit(), r.learningRate(),
                TrainingSettings.Schedule.INVERSE_SQRT_EPOCH, TrainingSettings.Mode.FAITHFUL, 16, r.epochs(), r.seed(),
                r.boosting(), r.effectRatio(), r.desired(), r.undesired(), r.margin(), r.shuffle(), null, null,
                Backprop.parse("full").toString(), OptimizerSpec.parse("adam").toString());
    }

    /**
     * The trainer's options from complete settings (see {@link TrainingSettings#isComplete}): faithful mode trains
     * with batch 1 whatever {@code batchSize} says; weights as the network spec has them.
     *
     * @throws IllegalArgumentException when a field is unset
     */
    public static TrainingConfig of(TrainingSettings s, int threads) {
        if (!s.isComplete()) {
            throw new IllegalArgumentException("training settings must all be set, were " + s);
        }
        Mode m = s.mode() == TrainingSettings.Mode.FAITHFUL ? Mode.FAITHFUL : Mode.MINIBATCH;
        return new TrainingConfig(s.epochs(), m, m == Mode.FAITHFUL ? 1 : s.batchSize(), threads, s.seed(),
                s.learningRate(), s.desiredSpikes(), s.undesiredSpikes(), s.margin(), s.lambda(), s.beta(),
                s.weightLimit(), s.boosting(), s.effectRatio(), 0, s.shuffle());
    }

    /**
     * The settings these options describe with the given methods, as a trained model records them: every field set
     * except the batch size in faithful mode and an absent augmentation ({@code null}: none).
     */
    public TrainingSettings settings(Backprop backprop, OptimizerSpec optimizer, Augmentation augmentation) {
        return new TrainingSettings(lambda, beta, weightLimit, learningRate,
                TrainingSettings.Schedule.INVERSE_SQRT_EPOCH,
                mode == Mode.FAITHFUL ? TrainingSettings.Mode.FAITHFUL : TrainingSettings.Mode.MINIBATCH,
                mode == Mode.FAITHFUL ? null : batchSize, epochs, seed, boosting, effectRatio, desired, undesired,
                margin, shuffle, augmentation == null ? null : augmentation.maxShiftPx(),
                augmentation == null ? null : augmentation.dropProbability(), backprop.toString(),
                optimizer.toString());
    }

    public TrainingConfig withMode(Mode m, int batch) {
        return new TrainingConfig(epochs, m, batch, threads, seed, learningRate, desired, undesired, margin, lambda,
                beta, weightLimit, boosting, effectRatio, initRange, shuffle);
    }

    public TrainingConfig withThreads(int t) {
        return new TrainingConfig(epochs, mode, batchSize, t, seed, learningRate, desired, undesired, margin, lambda,
                beta, weightLimit, boosting, effectRatio, initRange, shuffle);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, mode, batchSize, threads, s, learningRate, desired, undesired, margin,
                lambda, beta, weightLimit, boosting, effectRatio, initRange, shuffle);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, mode, batchSize, threads, seed, lr, desired, undesired, margin, lambda,
                beta, weightLimit, boosting, effectRatio, initRange, shuffle);
    }

    public TrainingConfig withInitRange(double range) {
        return new TrainingConfig(epochs, mode, batchSize, threads, seed, learningRate, desired, undesired, margin,
                lambda, beta, weightLimit, boosting, effectRatio, range, shuffle);
    }

    public TrainingConfig withRegulariser(double l, double b) {
        return new TrainingConfig(epochs, mode, batchSize, threads, seed, learningRate, desired, undesired, margin,
                l, b, weightLimit, boosting, effectRatio, initRange, shuffle);
    }

    /** The output loss these settings describe. */
    public RateLoss loss() {
        return new RateLoss(desired, undesired, margin);
    }
}
