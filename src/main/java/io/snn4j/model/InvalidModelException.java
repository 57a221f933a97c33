package io.snn4j.model;

import java.io.IOException;
import java.util.List;

/** A model file that cannot be used: every problem found, each naming the field, the rule and the value. */
public final class InvalidModelException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidModelException(String file, List<String> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String file, List<String> problems) {
        StringBuilder sb = new StringBuilder(file).append(": invalid model (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    public List<String> problems() {
        return problems;
    }
}
