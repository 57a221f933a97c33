package io.snn4j.data.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.MalformedDataException;
import io.snn4j.data.audio.Audio;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechAudioTest {
    @TempDir
    Path dir;

    @Test
    void readsSphereUnderAWavNameAndWavUnderAnSphName() throws IOException {
        short[] s = {16384, -8192, 0};
        Audio sphere = SpeechAudio.read(AudioFixtures.write(dir.resolve("0Af1set0.wav"), AudioFixtures.sphere(s,
                12500)));
        assertEquals("sphere pcm", sphere.sourceFormat());
        assertEquals(0.5f, sphere.samples()[0]); // 16384 / 32768
        Audio wav = SpeechAudio.read(AudioFixtures.write(dir.resolve("odd.sph"), AudioFixtures.wav(s, 8000)));
        assertEquals("wav pcm", wav.sourceFormat());
        assertEquals(-0.25f, wav.samples()[1]); // -8192 / 32768
        assertEquals(8000, wav.sampleRate());
    }

    @Test
    void refusesOtherContainersNamingTheFile() throws IOException {
        Path flac = AudioFixtures.write(dir.resolve("x.wav"),
                "fLaC\0\0\0\"".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SpeechAudio.read(flac));
        assertEquals("x.wav: byte 0: neither a NIST SPHERE file (NIST_1A) nor a RIFF/WAVE file (RIFF): first bytes "
                + "are 'fLaC???'", e.getMessage());
        Path empty = AudioFixtures.write(dir.resolve("empty.wav"), new byte[0]);
        e = assertThrows(MalformedDataException.class, () -> SpeechAudio.read(empty));
        assertEquals("empty.wav: byte 0: neither a NIST SPHERE file (NIST_1A) nor a RIFF/WAVE file (RIFF): first "
                + "bytes are '' (empty file)", e.getMessage());
    }
}
