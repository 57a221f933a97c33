package io.snn4j.runtime;

import java.io.IOException;
import java.util.List;

/**
 * A model the runtime cannot use: bytes that are not a valid {@code snn4j.v1.ModelProto} (truncated or corrupt), a
 * newer major format version, or a network that breaks a rule (shapes that disagree, NaN weights, absurd sizes). The
 * message names the file, and for each problem the field and the value.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ModelFormatException(String where, List<String> problems) {
        super(message(where, problems));
        this.problems = List.copyOf(problems);
    }

    public ModelFormatException(String where, String problem) {
        this(where, List.of(problem));
    }

    private static String message(String where, List<String> problems) {
        if (problems.size() == 1) {
            return where + ": invalid model: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(where).append(": invalid model (").append(problems.size())
                .append(" problems):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    /** Every problem found, each naming the field. */
    public List<String> problems() {
        return problems;
    }

    /** A model written in a newer major version of the format than this runtime reads. */
    public static final class UnsupportedVersion extends ModelFormatException {
        private static final long serialVersionUID = 1L;

        UnsupportedVersion(String where, long fileVersion, int supported) {
            super(where, "format_version " + fileVersion + " is newer than the newest this runtime reads ("
                    + supported + "); use a newer snn4j runtime");
        }
    }
}
