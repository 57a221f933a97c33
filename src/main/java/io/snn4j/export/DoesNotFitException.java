package io.snn4j.export;

import java.util.List;

/** A network that exceeds a limit of a hardware profile: each violation names the limit, the value and the excess. */
public final class DoesNotFitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> violations;

    DoesNotFitException(String model, String profile, List<String> violations, String report) {
        super("model '" + model + "' does not fit hw:" + profile + " (" + violations.size()
                + (violations.size() == 1 ? " limit" : " limits") + " exceeded):\n  - "
                + String.join("\n  - ", violations) + (report.isEmpty() ? "" : "\n" + report));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
