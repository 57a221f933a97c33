package io.snn4j.export;

import java.util.List;

/** Quantised weights whose worst-case accumulated input, or threshold, does not fit the integer accumulator. */
public final class FixedPointOverflowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> overflows;

    FixedPointOverflowException(String model, String target, List<String> overflows) {
        super("model '" + model + "' cannot be exported as " + target + ": the integer accumulator would overflow ("
                + overflows.size() + (overflows.size() == 1 ? " population" : " populations") + "):\n  - "
                + String.join("\n  - ", overflows));
        this.overflows = List.copyOf(overflows);
    }

    public List<String> overflows() {
        return overflows;
    }
}
