package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.encode.BsaEncoder;
import io.snn4j.event.InputSpikes;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Lyon + BSA on real speech: ten FSDD recordings (one per digit, speaker jackson, index 0; 8 kHz WAV). */
class FsddFrontEndTest {
    @Test
    void realDigitsGiveBandLimitedCochleagramsAndSpikes() throws IOException {
        Path dir = SharedDatasets.require("fsdd").resolve("recordings");
        LyonEar ear = new LyonEar(LyonConfig.reference());
        LyonEar linearEar = new LyonEar(LyonConfig.reference().withAgc(false));
        double[] cf = ear.centreFrequencies();
        BsaEncoder bsa = BsaEncoder.reference();
        for (int digit = 0; digit < 10; digit++) {
            Path file = dir.resolve(digit + "_jackson_0.wav");
            Audio audio = WavReader.read(file);
            Cochleagram c = ear.apply(audio);
            Cochleagram linear = linearEar.apply(audio);
            int resampled = (int) Math.round(audio.sampleCount() * 12_500 / 8000.0);
            assertEquals(resampled / 200, c.frames(), file.toString());
            // The 8 kHz source has nothing above 4 kHz (the resampler's stopband starts there), so, without the AGC
            // (which lifts quiet channels), the channels above 4.5 kHz carry only the low-frequency tails of the
            // cochlear filters: per channel under a tenth of the speech band 300 Hz .. 3 kHz (measured 1.4 to 6 %;
            // with the channel order reversed or aliasing above 4 kHz the ratio would exceed 1).
            double above = 0;
            int nAbove = 0;
            double speech = 0;
            int nSpeech = 0;
            for (int ch = 0; ch < c.channels(); ch++) {
                double sum = 0;
                for (int f = 0; f < c.frames(); f++) {
                    sum += linear.value(ch, f);
                }
                if (cf[ch] > 4500) {
                    above += sum;
                    nAbove++;
                } else if (cf[ch] >= 300 && cf[ch] <= 3000) {
                    speech += sum;
                    nSpeech++;
                }
            }
            assertTrue(speech > 0, file + ": silent speech band");
            double ratio = (above / nAbove) / (speech / nSpeech);
            assertTrue(ratio < 0.1, file + ": channels above 4.5 kHz at " + ratio + " of the speech band");
            InputSpikes s = bsa.encode(c, bsa.ticksFor(c.frames()), 0, digit);
            assertTrue(s.size() > 0, file + ": no spikes");
            assertTrue(s.lastTick() <= c.frames() * 10, file + ": spike after the last frame");
        }
    }
}
