package io.snn4j.data.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recordings found in a corpus folder, in a fixed order chosen by the corpus (interleaved so that any prefix holds
 * nearly as many recordings of each class as the others), and the files that were skipped because
 * their names or places do not follow the corpus convention (only when skipping was asked for; otherwise such files
 * are an error). Immutable.
 *
 * @param utterances the recordings
 * @param skipped    each skipped file with the reason, for example {@code "f1/notes.txt: name does not match ..."}
 */
public record Listing(List<Utterance> utterances, List<String> skipped) {
    public Listing {
        utterances = List.copyOf(utterances);
        skipped = List.copyOf(skipped);
    }

    /** Number of recordings. */
    public int size() {
        return utterances.size();
    }

    /** Labels of the recordings, in order. */
    public int[] labels() {
        int[] labels = new int[utterances.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = utterances.get(i).label();
        }
        return labels;
    }

    /** The distinct speakers, in order of first appearance. */
    public List<String> speakers() {
        List<String> speakers = new ArrayList<>();
        for (Utterance u : utterances) {
            if (!speakers.contains(u.speaker())) {
                speakers.add(u.speaker());
            }
        }
        return speakers;
    }

    /** Collects the files of a listing and the problems found while walking the folder. */
    static final class Builder {
        private final Path root;
        private final String corpus;
        private final String convention;
        private final List<Utterance> utterances = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        Builder(Path root, String corpus, String convention) {
            this.root = root;
            this.corpus = corpus;
            this.convention = convention;
        }

        void add(Utterance u) {
            utterances.add(u);
        }

        void reject(Path file, String reason) {
            problems.add(root.relativize(file) + ": " + reason);
        }

        /**
         * The listing in the order of {@code order}, ties broken by path.
         *
         * @throws CorpusLayoutException if files were rejected and {@code skipRejected} is false, or no recording
         *                               was found
         */
        Listing build(boolean skipRejected, Comparator<Utterance> order) throws CorpusLayoutException {
            if (!problems.isEmpty() && !skipRejected) {
                StringBuilder sb = new StringBuilder(corpus + " " + root + ": " + problems.size() + " file"
                        + (problems.size() == 1 ? " does" : "s do") + " not follow the naming " + convention + ": ");
                for (int i = 0; i < Math.min(5, problems.size()); i++) {
                    sb.append(i == 0 ? "" : "; ").append(problems.get(i));
                }
                if (problems.size() > 5) {
                    sb.append("; and ").append(problems.size() - 5).append(" more");
                }
                sb.append(" (remove them, or skip them with the skip-unknown option)");
                throw new CorpusLayoutException(sb.toString());
            }
            if (utterances.isEmpty()) {
                throw new CorpusLayoutException(corpus + " " + root + ": no recordings found (expected files named "
                        + convention + (problems.isEmpty() ? "" : "; skipped " + problems.size() + " other files")
                        + ")");
            }
            utterances.sort(order.thenComparing(u -> u.file().toString()));
            return new Listing(utterances, problems);
        }
    }
}
