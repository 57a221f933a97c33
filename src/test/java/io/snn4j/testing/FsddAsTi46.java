package io.snn4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a TI46-layout tree of real speech from the Free Spoken Digit Dataset, with SoX (an audio tool independent of
 * snn4j) doing the resampling to TI46's 12.5 kHz and writing the NIST SPHERE files: TI46 itself (LDC93S9) cannot be
 * redistributed, so this is how the {@code ti46:} path is checked end to end on real recordings.
 *
 * <p>The tree is the TI-20 vocabulary's, whose first ten words are the digits ZERO .. NINE (prompt codes {@code 00} ..
 * {@code 09}), laid out as the disc is:
 * <pre>
 * OUT/ti20/train/m2/03m2set7.wav    FSDD 3_jackson_12.wav: enrolment session se, token t7 (FSDD index 5 + 7)
 * OUT/ti20/test/m2/03m2s2t1.wav     FSDD 3_jackson_3.wav: test session s2, token t1 (FSDD index 3 = 2 x (2 - 1) + 1)
 * OUT/fsdd-source.csv               each written file and the FSDD recording it came from
 * </pre>
 * Speakers: FSDD's speakers, sorted by name, are numbered per gender as {@code speakers.csv} gives it ({@code m1},
 * {@code m2}, ... for male, {@code f1} ... for female; TI46 has eight of each). Training: TI46 enrolment holds ten
 * tokens per word and speaker, taken from FSDD's training indices 5 .. 14 (the first {@code trainTokens} of them).
 * Test: FSDD's official test indices 0 .. 4 (the first {@code testTokens}), two tokens per test session as on the
 * disc, index i as session {@code s(1 + i / 2)} token {@code t(i % 2)}. The other FSDD recordings (indices 15 .. 49)
 * have no place in the layout and are left out. Each file is
 * {@code sox -V1 -D IN -t sph -e signed-integer -b 16 OUT rate 12500}: SoX's default (high quality) band-limited
 * resampler, 16-bit little-endian PCM, no dither.
 *
 * <p>{@link #main(String[])} builds the whole tree for a training run:
 * {@code java -cp target/classes:target/test-classes io.snn4j.testing.FsddAsTi46 ../shared/datasets/fsdd OUT}.
 */
public final class FsddAsTi46 {
    /** FSDD's first training index (indices below it are the official test set). */
    public static final int FIRST_TRAIN_INDEX = 5;
    /** Enrolment tokens per word and speaker on the TI46 disc. */
    public static final int MAX_TRAIN_TOKENS = 10;
    /** FSDD's official test indices per digit and speaker. */
    public static final int MAX_TEST_TOKENS = 5;
    private static final Pattern NAME = Pattern.compile("([0-9])_([a-z0-9-]+)_([0-9]+)\\.wav");
    private static final long SOX_TIMEOUT_SECONDS = 60;

    private FsddAsTi46() {
    }

    /** What was built: the tree's root, the files written and FSDD's speaker names mapped to TI46 codes. */
    public record Tree(Path root, int trainFiles, int testFiles, Map<String, String> speakers) {
    }

    /** The SoX program: the system property {@code snn4j.sox}, else {@code sox} on the PATH. */
    static String soxProgram() {
        return System.getProperty("snn4j.sox", "sox");
    }

    /** Whether a {@code sox} that writes NIST SPHERE runs on this machine. */
    public static boolean soxAvailable() {
        try {
            Process p = new ProcessBuilder(soxProgram(), "-h").redirectErrorStream(true).start();
            String help;
            try (InputStream in = p.getInputStream()) {
                help = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return p.waitFor(SOX_TIMEOUT_SECONDS, TimeUnit.SECONDS) && help.contains("AUDIO FILE FORMATS")
                    && Pattern.compile("\\bsph\\b").matcher(help).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test, with a message, when SoX is absent. */
    public static void requireSox() {
        assumeTrue(soxAvailable(), "skipped: the program " + soxProgram() + " (SoX, with NIST SPHERE support) does "
                + "not run here; on Debian: apt-get install sox (or name it with -Dsnn4j.sox=PATH)");
    }

    /**
     * FSDD's speakers mapped to TI46 speaker codes: sorted by name, numbered per gender from {@code speakers.csv}
     * ({@code speaker,gender,...}, gender {@code male} or {@code female}).
     *
     * @throws IOException if the file is missing, malformed, or has more than eight speakers of a gender
     */
    public static Map<String, String> speakerCodes(Path speakersCsv) throws IOException {
        List<String> lines = Files.readAllLines(speakersCsv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("speaker,gender")) {
            throw new IOException(speakersCsv + ": expected a header line 'speaker,gender,...'");
        }
        Map<String, String> genders = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            String g = f.length < 2 ? "" : f[1].trim().toLowerCase(Locale.ROOT);
            if (!g.equals("male") && !g.equals("female")) {
                throw new IOException(speakersCsv + " line " + (i + 1) + ": gender must be male or female, was '"
                        + g + "'");
            }
            genders.put(f[0].trim().toLowerCase(Locale.ROOT), g.equals("male") ? "m" : "f");
        }
        Map<String, String> codes = new LinkedHashMap<>();
        int[] next = new int[2];
        for (Map.Entry<String, String> e : genders.entrySet()) {
            int g = e.getValue().equals("m") ? 0 : 1;
            if (++next[g] > 8) {
                throw new IOException(speakersCsv + ": more than 8 " + (g == 0 ? "male" : "female")
                        + " speakers, TI46 has 8 of each");
            }
            codes.put(e.getKey(), e.getValue() + next[g]);
        }
        return codes;
    }

    /**
     * Where FSDD recording ({@code digit}, {@code index}) of the speaker with TI46 code {@code speaker} goes in the
     * tree, relative to its root, or {@code null} when the index has no place (15 .. 49).
     */
    public static String ti46Path(int digit, String speaker, int index) {
        String word = "0" + digit;
        if (index < FIRST_TRAIN_INDEX) {
            return "ti20/test/" + speaker + "/" + word + speaker + "s" + (1 + index / 2) + "t" + index % 2 + ".wav";
        }
        int token = index - FIRST_TRAIN_INDEX;
        return token < MAX_TRAIN_TOKENS ? "ti20/train/" + speaker + "/" + word + speaker + "set" + token + ".wav"
                : null;
    }

    /**
     * Builds the tree under {@code out} (absent or an empty folder) from the FSDD folder {@code fsdd} (its
     * {@code recordings/} and {@code speakers.csv}), which is only read.
     *
     * @param trainTokens enrolment tokens per digit and speaker, 1 .. 10 (FSDD indices 5 .. 4 + trainTokens)
     * @param testTokens  test tokens per digit and speaker, 1 .. 5 (FSDD indices 0 .. testTokens - 1)
     * @throws IOException if FSDD is not laid out as expected, {@code out} is not empty or SoX fails on a file
     */
    public static Tree build(Path fsdd, Path out, int trainTokens, int testTokens) throws IOException {
        if (trainTokens < 1 || trainTokens > MAX_TRAIN_TOKENS || testTokens < 1 || testTokens > MAX_TEST_TOKENS) {
            throw new IllegalArgumentException("FSDD as TI46: trainTokens must be in [1, 10] and testTokens in "
                    + "[1, 5], were " + trainTokens + " and " + testTokens);
        }
        Path recordings = fsdd.resolve("recordings");
        if (!Files.isDirectory(recordings)) {
            throw new IOException("FSDD as TI46: no recordings/ folder in " + fsdd);
        }
        if (out.toAbsolutePath().normalize().startsWith(fsdd.toAbsolutePath().normalize())) {
            throw new IOException("FSDD as TI46: will not write into the FSDD folder " + fsdd);
        }
        if (Files.isDirectory(out)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(out)) {
                if (s.iterator().hasNext()) {
                    throw new IOException("FSDD as TI46: " + out + " is not empty");
                }
            }
        }
        Map<String, String> speakers = speakerCodes(fsdd.resolve("speakers.csv"));
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(recordings, "*.wav")) {
            s.forEach(files::add);
        }
        files.sort(null);
        StringBuilder manifest = new StringBuilder("ti46_file,fsdd_file\n");
        int train = 0;
        int test = 0;
        for (Path file : files) {
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IOException("FSDD as TI46: " + file + " does not follow {digit}_{speaker}_{index}.wav");
            }
            String code = speakers.get(m.group(2));
            if (code == null) {
                throw new IOException("FSDD as TI46: speaker " + m.group(2) + " of " + file + " is not in "
                        + "speakers.csv");
            }
            int index = Integer.parseInt(m.group(3));
            boolean isTest = index < FIRST_TRAIN_INDEX;
            if (isTest ? index >= testTokens : index - FIRST_TRAIN_INDEX >= trainTokens) {
                continue;
            }
            String relative = ti46Path(m.group(1).charAt(0) - '0', code, index);
            sox(file, out.resolve(relative));
            manifest.append(relative).append(',').append("recordings/").append(file.getFileName()).append('\n');
            if (isTest) {
                test++;
            } else {
                train++;
            }
        }
        Path csv = out.resolve("fsdd-source.csv");
        Path part = out.resolve("fsdd-source.csv.part");
        Files.writeString(part, manifest, StandardCharsets.UTF_8);
        Files.move(part, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Tree(out, train, test, speakers);
    }

    /** Resamples {@code in} to 12.5 kHz and writes it as NIST SPHERE to {@code out} (through a temporary name). */
    private static void sox(Path in, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Path part = out.resolveSibling(out.getFileName() + ".part");
        Process p = new ProcessBuilder(soxProgram(), "-V1", "-D", in.toString(), "-t", "sph", "-e", "signed-integer",
                "-b", "16", part.toString(), "rate", "12500").redirectErrorStream(true).start();
        String said;
        try (InputStream s = p.getInputStream()) {
            said = new String(s.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!p.waitFor(SOX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("sox did not finish on " + in + " within " + SOX_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sox converted " + in, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("sox failed (exit " + p.exitValue() + ") on " + in + ": " + said);
        }
        Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code FSDD_DIR OUT_DIR}: builds the whole tree (ten training and five test tokens per digit and speaker). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FsddAsTi46 FSDD_DIR OUT_DIR");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        Tree t = build(Path.of(args[0]), Path.of(args[1]), MAX_TRAIN_TOKENS, MAX_TEST_TOKENS);
        System.out.printf(Locale.ROOT, "wrote %s: %d training and %d test recordings (TI-20 layout, 12.5 kHz NIST "
                        + "SPHERE by sox), speakers %s, in %.1f s%n", t.root(), t.trainFiles(), t.testFiles(),
                t.speakers(), (System.nanoTime() - t0) / 1e9);
    }
}
