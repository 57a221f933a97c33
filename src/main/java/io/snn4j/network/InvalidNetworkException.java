package io.snn4j.network;

import java.util.List;

/** A network description breaks one or more rules; {@link #problems()} lists every one. */
public final class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("serial") // declared as List, but always a List.copyOf list, which is serializable
    private final List<String> problems;

    public InvalidNetworkException(String where, List<String> problems) {
        super(message(where, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String where, List<String> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(where == null || where.isEmpty() ? "invalid network" : "invalid network '" + where + "'");
        sb.append(" (").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    public List<String> problems() {
        return problems;
    }
}
