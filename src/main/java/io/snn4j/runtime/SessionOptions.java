package io.snn4j.runtime;

/**
 * How a {@link Session} treats time and decides. Immutable.
 *
 * @param late      what happens to late events
 * @param latenessUs the lateness budget of {@link LatePolicy#WATERMARK} (0 with the other policies)
 * @param decision  how output spikes become the current class
 * @param horizonUs the longest stretch of time a session simulates tick by tick in one call while the network is
 *                  busy; a larger jump (timestamps of another time base, a clock error) is an
 *                  {@link IllegalArgumentException}, never a hang. Over gaps in which the network is at rest time
 *                  jumps at once, whatever their length.
 */
public record SessionOptions(LatePolicy late, long latenessUs, DecisionRule decision, long horizonUs) {
    public SessionOptions {
        if (late == null || decision == null) {
            throw new IllegalArgumentException("session options: late policy and decision rule must be given");
        }
        if (latenessUs < 0 || (late != LatePolicy.WATERMARK && latenessUs != 0)) {
            throw new IllegalArgumentException("session options: the lateness budget must be >= 0 and only "
                    + "given with WATERMARK, was " + latenessUs + " us with " + late);
        }
        if (horizonUs < 1) {
            throw new IllegalArgumentException("session options: horizon must be >= 1 us, was " + horizonUs);
        }
    }

    /** Late events clamped to the current tick, cumulative decisions, a horizon of one hour. */
    public static SessionOptions defaults() {
        return new SessionOptions(LatePolicy.CLAMP, 0, new DecisionRule.Cumulative(), 3_600_000_000L);
    }

    public SessionOptions withLate(LatePolicy policy, long budgetUs) {
        return new SessionOptions(policy, budgetUs, decision, horizonUs);
    }

    public SessionOptions withDecision(DecisionRule rule) {
        return new SessionOptions(late, latenessUs, rule, horizonUs);
    }

    public SessionOptions withHorizonUs(long us) {
        return new SessionOptions(late, latenessUs, decision, us);
    }
}
