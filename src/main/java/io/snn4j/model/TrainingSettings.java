package io.snn4j.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The training settings of a model file (schema 1.4, {@code training}): what shapes HM2-BP training. Every component
 * is {@code null} when the file leaves it unset, so "unset" differs from 0; {@link #or} fills the unset ones from
 * another source (command-line flags, then the model, then the built-in defaults). Immutable and thread-safe;
 * validated on construction, every problem in one message naming the field ({@link #problems}).
 *
 * @param lambda             regulariser strength, &gt;= 0 (0 turns the regulariser off)
 * @param beta               regulariser exponent, &gt;= 0
 * @param weightLimit        regulariser scale W_lim, &gt; 0
 * @param learningRate       base step size, in (0, 100]
 * @param schedule           how the step size falls over the epochs
 * @param mode               faithful (batch 1) or minibatch
 * @param batchSize          samples per step in minibatch mode, in [1, 65536] (faithful mode is batch 1 whatever
 *                           it says; a model trained faithfully leaves it unset)
 * @param epochs             epochs to train, in [1, 100000] (a trained model: the epochs its weights have seen)
 * @param seed               seed of the shuffles, the rate coding and the augmentation
 * @param boosting           per-sample boosting weights
 * @param effectRatio        S-PSP effect ratios in the backward pass
 * @param desiredSpikes      target count of the label's output neuron, in [0, 100000]
 * @param undesiredSpikes    target count of the other output neurons, in [0, 100000]
 * @param margin             dead zone of the output error, in [0, 100000]
 * @param shuffle            a fresh permutation of the training samples each epoch
 * @param augmentShiftPx     augmentation: largest whole-pixel translation in each axis, in [0, 8]
 * @param augmentDrop        augmentation: probability of dropping each spike, in [0, 0.9]
 * @param backprop           error propagation as {@code train --backprop} takes it ("full", "meprop:K", ...)
 * @param optimizer          optimiser as {@code train --optimizer} takes it ("adam", "sgd", ...)
 */
public record TrainingSettings(Double lambda, Double beta, Double weightLimit, Double learningRate, Schedule schedule,
                               Mode mode, Integer batchSize, Integer epochs, Long seed, Boolean boosting,
                               Boolean effectRatio, Integer desiredSpikes, Integer undesiredSpikes, Integer margin,
                               Boolean shuffle, Integer augmentShiftPx, Double augmentDrop, String backprop,
                               String optimizer) {
    /** Largest batch size accepted. */
    public static final int MAX_BATCH = 65_536;
    /** Largest epoch count accepted. */
    public static final int MAX_EPOCHS = 100_000;
    /** Largest target spike count or margin accepted. */
    public static final int MAX_SPIKES = 100_000;
    /** Largest learning rate accepted. */
    public static final double MAX_LEARNING_RATE = 100;

    /** No field set: what files of revisions 1.0-1.3 and models without a training section give. */
    public static final TrainingSettings NONE = new TrainingSettings(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    /** Faithful (batch 1, one step per sample, the reference) or minibatch. */
    public enum Mode {
        FAITHFUL, MINIBATCH
    }

    /** Learning-rate schedules; the trainer has one. */
    public enum Schedule {
        /** Epoch e (0-based) uses learningRate / sqrt(max(1, e)), as the reference's logs show. */
        INVERSE_SQRT_EPOCH
    }

    public TrainingSettings {
        List<String> problems = problems(lambda, beta, weightLimit, learningRate, batchSize, epochs,
                desiredSpikes, undesiredSpikes, margin, augmentShiftPx, augmentDrop, backprop, optimizer);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("training settings: " + String.join("; ", problems));
        }
    }

    /**
     * Every problem of the given values, each naming its schema field ({@code training.lambda must be >= 0 and
     * finite, was NaN}); empty when they are valid. Unset ({@code null}) values are valid.
     */
    public static List<String> problems(Double lambda, Double beta, Double weightLimit, Double learningRate,
                                        Integer batchSize, Integer epochs, Integer desiredSpikes,
                                        Integer undesiredSpikes, Integer margin, Integer augmentShiftPx,
                                        Double augmentDrop, String backprop, String optimizer) {
        List<String> p = new ArrayList<>();
        if (lambda != null && !(lambda >= 0 && Double.isFinite(lambda))) {
            p.add("training.lambda must be >= 0 and finite, was " + lambda);
        }
        if (beta != null && !(beta >= 0 && Double.isFinite(beta))) {
            p.add("training.beta must be >= 0 and finite, was " + beta);
        }
        if (weightLimit != null && !(weightLimit > 0 && Double.isFinite(weightLimit))) {
            p.add("training.weight_limit must be > 0 and finite, was " + weightLimit);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            p.add("training.learning_rate must be in (0, " + (int) MAX_LEARNING_RATE + "], was " + learningRate);
        }
        range(p, "batch_size", batchSize, 1, MAX_BATCH);
        range(p, "epochs", epochs, 1, MAX_EPOCHS);
        range(p, "desired_spikes", desiredSpikes, 0, MAX_SPIKES);
        range(p, "undesired_spikes", undesiredSpikes, 0, MAX_SPIKES);
        range(p, "margin", margin, 0, MAX_SPIKES);
        range(p, "augmentation.shift_px", augmentShiftPx, 0, 8);
        if (augmentDrop != null && !(augmentDrop >= 0 && augmentDrop <= 0.9)) {
            p.add("training.augmentation.drop_probability must be in [0, 0.9], was " + augmentDrop);
        }
        if (backprop != null && backprop.isBlank()) {
            p.add("training.backprop must not be empty when given");
        }
        if (optimizer != null && optimizer.isBlank()) {
            p.add("training.optimizer must not be empty when given");
        }
        return p;
    }

    /** Adds a problem when {@code value} is set and outside [min, max]. */
    private static void range(List<String> p, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            p.add("training." + field + " must be in [" + min + ", " + max + "], was "
                    + Integer.toUnsignedString(value));
        }
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether augmentation is set (either of its fields). */
    public boolean hasAugmentation() {
        return augmentShiftPx != null || augmentDrop != null;
    }

    /** These settings with each unset field taken from {@code fallback}. */
    public TrainingSettings or(TrainingSettings fallback) {
        boolean augmentHere = hasAugmentation();
        return new TrainingSettings(pick(lambda, fallback.lambda), pick(beta, fallback.beta),
                pick(weightLimit, fallback.weightLimit), pick(learningRate, fallback.learningRate),
                pick(schedule, fallback.schedule), pick(mode, fallback.mode),
                pick(batchSize, fallback.batchSize),
                pick(epochs, fallback.epochs), pick(seed, fallback.seed), pick(boosting, fallback.boosting),
                pick(effectRatio, fallback.effectRatio), pick(desiredSpikes, fallback.desiredSpikes),
                pick(undesiredSpikes, fallback.undesiredSpikes), pick(margin, fallback.margin),
                pick(shuffle, fallback.shuffle),
                // augmentation is one setting: given here, it replaces the fallback's as a whole
                augmentHere ? augmentShiftPx : fallback.augmentShiftPx,
                augmentHere ? augmentDrop : fallback.augmentDrop,
                pick(backprop, fallback.backprop), pick(optimizer, fallback.optimizer));
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * Whether every field is set, except the augmentation (absent: none) and, in faithful mode, the batch size.
     */
    public boolean isComplete() {
        return lambda != null && beta != null && weightLimit != null && learningRate != null && schedule != null
                && mode != null && (batchSize != null || mode == Mode.FAITHFUL) && epochs != null && seed != null
                && boosting != null && effectRatio != null && desiredSpikes != null && undesiredSpikes != null
                && margin != null && shuffle != null && backprop != null && optimizer != null;
    }

    /** A builder-style copy with the epoch count replaced. */
    public TrainingSettings withEpochs(Integer e) {
        return new TrainingSettings(lambda, beta, weightLimit, learningRate, schedule, mode, batchSize, e, seed,
                boosting, effectRatio, desiredSpikes, undesiredSpikes, margin, shuffle, augmentShiftPx, augmentDrop,
                backprop, optimizer);
    }
}
