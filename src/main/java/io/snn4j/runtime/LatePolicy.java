package io.snn4j.runtime;

/**
 * What a {@link Session} does with an event whose tick has already been simulated (a late event: camera-to-host
 * latency, jitter, or {@link Session#advanceTo} driven by a clock ahead of the camera's). Late events are counted
 * ({@link Session#lateEvents}), never an exception.
 */
public enum LatePolicy {
    /** Late events are dropped. */
    DROP,
    /** Late events are added to the tick being filled now (no input is lost; its timing is). */
    CLAMP,
    /**
     * Ticks are simulated only up to the latest event time (or {@link Session#advanceTo} time) minus the session's
     * lateness budget, a watermark, so events up to the budget late still land in their own tick; later ones are
     * dropped. Decisions lag by the budget.
     */
    WATERMARK
}
