package io.snn4j.data.speech;

import io.snn4j.data.MalformedDataException;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.SphereReader;
import io.snn4j.data.audio.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a recording whatever its container: NIST SPHERE (first bytes {@code NIST_1A}, as the TI46 disc stores under
 * {@code .wav} names) or RIFF/WAVE (first bytes {@code RIFF}). The extension is not consulted. Stateless and
 * thread-safe.
 */
public final class SpeechAudio {
    private SpeechAudio() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws MalformedDataException if the file is neither SPHERE nor RIFF/WAVE, or is malformed
     */
    public static Audio read(Path file) throws IOException {
        byte[] head = new byte[7];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        }
        String magic = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (magic.startsWith("NIST_1A")) {
            return SphereReader.read(file);
        }
        if (magic.startsWith("RIFF")) {
            return WavReader.read(file);
        }
        throw new MalformedDataException(String.valueOf(file.getFileName()), 0, "neither a NIST SPHERE file "
                + "(NIST_1A) nor a RIFF/WAVE file (RIFF): first bytes are '"
                + magic.replaceAll("[^\\x20-\\x7e]", "?") + "'" + (n == 0 ? " (empty file)" : ""));
    }
}
