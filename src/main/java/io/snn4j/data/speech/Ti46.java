package io.snn4j.data.speech;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the TI46 isolated-word corpus (LDC93S9, NIST Speech Disc 7-1.1) in its distributed layout. Stateless and
 * thread-safe.
 *
 * <p>Layout, from the corpus documentation:
 * <pre>
 * ROOT/ti_alpha/train/f1/0Af1set0.wav     the 26 letters, 16 speakers, enrolment session
 * ROOT/ti_alpha/test/m8/0Zm8s8t1.wav      test sessions s1 .. s8
 * ROOT/ti20/train/..., ROOT/ti20/test/... the ten digits and ten command words
 * </pre>
 * A file name has 8 characters and an extension: the 2-character prompt code of the word ({@code 00} .. {@code 09},
 * {@code 0A} .. {@code 0Z}, {@code EN ER GO HP NO RB RP SP ST YS}), the speaker ({@code f1} .. {@code f8},
 * {@code m1} .. {@code m8}), the session ({@code se} for enrolment, i.e. training; {@code s1} .. {@code s8} for
 * testing) and the token ({@code t0} .. {@code t9}: 10 enrolment tokens per word, 2 per test session). The disc
 * stores NIST SPHERE audio under the {@code .wav} extension; copies renamed to {@code .sph} are accepted too
 * ({@link SpeechAudio} looks at the header, not the extension). Folder and file names are matched without regard to
 * case (ISO 9660 copies are upper case), and {@code ti-alpha}, {@code tialpha}, {@code ti_20} or {@code ti-20} are
 * accepted for the vocabulary folders. ROOT may also be the vocabulary folder itself.
 *
 * <p>Checks: the speaker folder must be a TI46 speaker and the file's speaker code must equal it; the word must belong
 * to the vocabulary; {@code train} holds session {@code se} only and {@code test} sessions {@code s1} .. {@code s8}
 * only. A file that breaks any of these (and any other file in the split, except hidden files) is rejected: by default
 * that is a {@link CorpusLayoutException} listing the files and reasons; with {@code skipUnknown} they are skipped and
 * reported in {@link Listing#skipped()}.
 */
public final class Ti46 {
    /** The two vocabularies the corpus is organised in. */
    @SuppressWarnings("ImmutableEnumChecker") // the arrays are private, filled once and never handed out
    public enum Vocabulary {
        /** TI-ALPHA: the letters A .. Z, labels 0 .. 25. */
        ALPHA(new String[] {"ti_alpha", "ti-alpha", "tialpha"}, codes("0A", "0B", "0C", "0D", "0E", "0F", "0G",
                "0H", "0I", "0J", "0K", "0L", "0M", "0N", "0O", "0P", "0Q", "0R", "0S", "0T", "0U", "0V", "0W", "0X",
                "0Y", "0Z"), new String[] {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
                "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"}),
        /** TI-20: ZERO .. NINE (labels 0 .. 9), then ENTER ERASE GO HELP NO RUBOUT REPEAT STOP START YES (10 .. 19). */
        TI20(new String[] {"ti20", "ti_20", "ti-20"}, codes("00", "01", "02", "03", "04", "05", "06", "07", "08",
                "09", "EN", "ER", "GO", "HP", "NO", "RB", "RP", "SP", "ST", "YS"), new String[] {"ZERO", "ONE", "TWO",
                "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "ENTER", "ERASE", "GO", "HELP", "NO",
                "RUBOUT", "REPEAT", "STOP", "START", "YES"});

        private final String[] folders;
        private final String[] codes;
        private final String[] words;

        Vocabulary(String[] folders, String[] codes, String[] words) {
            this.folders = folders;
            this.codes = codes;
            this.words = words;
        }

        /** Number of classes (26 or 20). */
        public int classCount() {
            return codes.length;
        }

        /** Prompt code of class {@code label}, for example {@code "0A"}. */
        public String code(int label) {
            return codes[label];
        }

        /** The word of class {@code label}, for example {@code "A"} or {@code "ENTER"}. */
        public String word(int label) {
            return words[label];
        }

        /** Class of a prompt code (any case), or -1 when the code is not in this vocabulary. */
        public int label(String code) {
            String c = code.toUpperCase(Locale.ROOT);
            for (int i = 0; i < codes.length; i++) {
                if (codes[i].equals(c)) {
                    return i;
                }
            }
            return -1;
        }

        /** The folder name of the LDC disc, {@code ti_alpha} or {@code ti20}. */
        public String folder() {
            return folders[0];
        }
    }

    /** Training (enrolment session) or test (sessions 1 to 8) recordings. */
    public enum Split {
        TRAIN("train"), TEST("test");

        private final String folder;

        Split(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    static final String CONVENTION = "{word}{speaker}{session}t{token}.wav (for example 0Af1set0.wav: word 0A, "
            + "speaker f1, session se, token 0)";
    private static final Pattern NAME = Pattern.compile("([0-9a-z]{2})([fm][1-8])(se|s[1-8])t([0-9])\\.(wav|sph)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEAKER = Pattern.compile("[fm][1-8]", Pattern.CASE_INSENSITIVE);

    /** Session, token, speaker, then word: a prefix covers every word about equally. */
    static final Comparator<Utterance> ORDER = Comparator.comparing(Utterance::session)
            .thenComparingInt(Utterance::token).thenComparing(Utterance::speaker).thenComparingInt(Utterance::label);

    private Ti46() {
    }

    private static String[] codes(String... codes) {
        return codes;
    }

    /** The recordings of one vocabulary and split; any file not following the convention is an error. */
    public static Listing list(Path root, Vocabulary vocabulary, Split split) throws IOException {
        return list(root, vocabulary, split, false);
    }

    /**
     * The recordings of one vocabulary and split, ordered by session, token, speaker, then word (so that a prefix, as
     * {@code --limit} takes, covers every word).
     *
     * @param root        the corpus root (holding {@code ti_alpha/} and {@code ti20/}) or the vocabulary folder
     * @param skipUnknown skip (and report in {@link Listing#skipped()}) files that do not follow the convention,
     *                    instead of failing
     * @throws CorpusLayoutException when a folder is missing, a file does not follow the convention (unless skipped)
     *                               or no recording is found
     */
    public static Listing list(Path root, Vocabulary vocabulary, Split split, boolean skipUnknown)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new CorpusLayoutException("ti46: folder " + root + " does not exist");
        }
        Path vocabularyDir = Files.isDirectory(child(root, split.folder())) && !hasChild(root, vocabulary.folders)
                ? root : child(root, vocabulary.folders);
        if (!Files.isDirectory(vocabularyDir)) {
            throw new CorpusLayoutException("ti46 " + root + ": no " + vocabulary.folder() + " folder (looked for "
                    + String.join(", ", vocabulary.folders) + ", in any case, and for " + split.folder() + "/ in "
                    + root + " itself)");
        }
        Path splitDir = child(vocabularyDir, split.folder());
        if (!Files.isDirectory(splitDir)) {
            throw new CorpusLayoutException("ti46 " + vocabularyDir + ": no " + split.folder() + " folder");
        }
        Listing.Builder listing = new Listing.Builder(splitDir, "ti46 " + vocabulary.folder() + "/" + split.folder(),
                CONVENTION);
        for (Path entry : sorted(splitDir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!Files.isDirectory(entry)) {
                listing.reject(entry, "a file outside the speaker folders f1 .. f8, m1 .. m8");
            } else if (!SPEAKER.matcher(name).matches()) {
                listing.reject(entry, "not a TI46 speaker folder (f1 .. f8, m1 .. m8)");
            } else {
                listSpeaker(entry, name.toLowerCase(Locale.ROOT), vocabulary, split, listing);
            }
        }
        return listing.build(skipUnknown, ORDER);
    }

    private static void listSpeaker(Path dir, String speaker, Vocabulary vocabulary, Split split,
                                    Listing.Builder listing) throws IOException {
        for (Path file : sorted(dir)) {
            String name = file.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(file)) {
                listing.reject(file, "a folder inside a speaker folder");
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                listing.reject(file, "name does not match " + CONVENTION.substring(0, CONVENTION.indexOf(" (")));
                continue;
            }
            int label = vocabulary.label(m.group(1));
            String fileSpeaker = m.group(2).toLowerCase(Locale.ROOT);
            String session = m.group(3).toLowerCase(Locale.ROOT);
            if (label < 0) {
                listing.reject(file, "word code " + m.group(1) + " is not in the " + vocabulary.folder()
                        + " vocabulary");
            } else if (!fileSpeaker.equals(speaker)) {
                listing.reject(file, "speaker " + fileSpeaker + " in the name, but in folder " + speaker);
            } else if (split == Split.TRAIN && !session.equals("se")) {
                listing.reject(file, "test session " + session + " in the train folder (train holds session se)");
            } else if (split == Split.TEST && session.equals("se")) {
                listing.reject(file, "enrolment session se in the test folder (test holds sessions s1 .. s8)");
            } else {
                listing.add(new Utterance(file, label, vocabulary.code(label), speaker, session,
                        m.group(4).charAt(0) - '0'));
            }
        }
    }

    /** The entries of a folder sorted by name. */
    static List<Path> sorted(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                entries.add(p);
            }
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return entries;
    }

    private static boolean hasChild(Path dir, String... names) throws IOException {
        return Files.isDirectory(child(dir, names));
    }

    /** The first entry of {@code dir} whose name equals one of {@code names} ignoring case, else dir/names[0]. */
    private static Path child(Path dir, String... names) throws IOException {
        for (Path p : sorted(dir)) {
            String n = p.getFileName().toString();
            for (String want : names) {
                if (n.equalsIgnoreCase(want)) {
                    return p;
                }
            }
        }
        return dir.resolve(names[0]);
    }
}
