package io.snn4j.data.nmnist;

import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the samples of an N-MNIST data set on disk without reading them, in one of two layouts:
 * <ul>
 *   <li>the original release: {@code <root>/Train/<digit>/*.bin} and {@code <root>/Test/<digit>/*.bin};</li>
 *   <li>a SLAYER-style list file such as {@code train1K.txt}: a {@code #} header line, then one {@code <id>\t<label>}
 *       line per sample (CRLF or LF), the recording being {@code <id>.bs2} or {@code <id>.bin} beside the list.</li>
 * </ul>
 * Entries come in a deterministic order (folder layout: by digit, then file name; list file: line order).
 * Stateless and thread-safe.
 */
public final class NmnistLayout {
    /** The split folders of the original release. */
    public enum Split {
        TRAIN("Train"), TEST("Test");

        private final String folderName;

        Split(String folderName) {
            this.folderName = folderName;
        }

        /** The folder name in the original release, {@code "Train"} or {@code "Test"}. */
        public String folderName() {
            return folderName;
        }
    }

    private NmnistLayout() {
    }

    /**
     * Lists {@code <root>/<Train|Test>/<digit>/*.bin} (also {@code *.bs2}); digit folders that are absent contribute
     * no samples.
     *
     * @throws IOException when the split folder is missing or cannot be listed
     */
    public static List<NmnistSample> fromFolders(Path root, Split split) throws IOException {
        Path splitDir = root.resolve(split.folderName());
        if (!Files.isDirectory(splitDir)) {
            throw new IOException(splitDir + ": N-MNIST split folder not found (expected <root>/"
                    + split.folderName() + "/<digit>/*.bin)");
        }
        List<NmnistSample> samples = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            Path digitDir = splitDir.resolve(Integer.toString(digit));
            if (!Files.isDirectory(digitDir)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> listing = Files.list(digitDir)) {
                listing.filter(p -> isRecording(p) && Files.isRegularFile(p)).forEach(files::add);
            }
            Collections.sort(files);
            for (Path f : files) {
                samples.add(new NmnistSample(f, digit));
            }
        }
        return List.copyOf(samples);
    }

    /**
     * Reads a list file of {@code <id>\t<label>} lines; each recording must exist beside it as {@code <id>.bs2} or
     * {@code <id>.bin}.
     *
     * @throws MalformedDataException naming the list file and the byte offset of the bad line: a line without a tab,
     *                                a label outside 0..9, an id that is not a plain file name, a missing recording
     */
    public static List<NmnistSample> fromListFile(Path listFile) throws IOException {
        byte[] bytes = Files.readAllBytes(listFile);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        Path dir = listFile.toAbsolutePath().getParent();
        String source = listFile.toString();
        List<NmnistSample> samples = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            int next = lineEnd < 0 ? text.length() : lineEnd + 1;
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(parseLine(line, lineStart, dir, source));
            }
            lineStart = next;
        }
        return List.copyOf(samples);
    }

    private static NmnistSample parseLine(String line, long offset, Path dir, String source)
            throws MalformedDataException {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
            throw new MalformedDataException(source, offset,
                    "expected '<id>\\t<label>', was '" + abbreviate(line) + "'");
        }
        String id = line.substring(0, tab).strip();
        String labelText = line.substring(tab + 1).strip();
        if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
            throw new MalformedDataException(source, offset,
                    "sample id must be letters, digits, '_' or '-', was '" + abbreviate(id) + "'");
        }
        int label;
        try {
            label = Integer.parseInt(labelText);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(source, offset + tab + 1,
                    "label must be an integer 0..9, was '" + abbreviate(labelText) + "'", e);
        }
        if (label < 0 || label > 9) {
            throw new MalformedDataException(source, offset + tab + 1, "label must be in 0..9, was " + label);
        }
        Path bs2 = dir.resolve(id + ".bs2");
        Path bin = dir.resolve(id + ".bin");
        Path file = Files.isRegularFile(bs2) ? bs2 : bin;
        if (!Files.isRegularFile(file)) {
            throw new MalformedDataException(source, offset,
                    "sample " + id + ": neither " + bs2.getFileName() + " nor " + bin.getFileName()
                            + " exists beside the list file");
        }
        return new NmnistSample(file, label);
    }

    private static boolean isRecording(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".bin") || name.endsWith(".bs2");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
