package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RateEncoderTest {
    @Test
    void referenceProbabilityIsPixelOver5Point5Times255() {
        RateEncoder e = RateEncoder.reference(400);
        assertEquals(255 / (5.5 * 255), e.probability(255), 1e-15);
        assertEquals(100 / (5.5 * 255), e.probability(100), 1e-15);
        assertEquals(0.0, e.probability(0));
    }

    @Test
    void empiricalRateIsWithinBinomialBoundsAndZeroPixelsAreSilent() {
        int ticks = 20_001;
        RateEncoder e = RateEncoder.reference(ticks);
        byte[] pixels = {0, (byte) 255, (byte) 128, 10, 0};
        InputSpikes in = e.encode(pixels, 12345L, 0);
        int[] counts = new int[pixels.length];
        for (int i = 0; i < in.size(); i++) {
            counts[in.channel(i)]++;
            assertTrue(in.tick(i) >= 1 && in.tick(i) <= ticks - 1, "tick " + in.tick(i));
        }
        assertEquals(0, counts[0]);
        assertEquals(0, counts[4]);
        int trials = ticks - 1; // ticks 1..T-1
        for (int c = 1; c <= 3; c++) {
            int p = pixels[c] & 0xFF;
            double prob = p / (5.5 * 255);
            double mean = trials * prob;
            double sd = Math.sqrt(trials * prob * (1 - prob));
            // 5 standard deviations: a fixed seed, so this is a pinned check, not a flaky one
            assertEquals(mean, counts[c], 5 * sd, "pixel " + p);
        }
    }

    @Test
    void spikesDependOnlyOnSeedAndIndex() {
        RateEncoder e = RateEncoder.reference(100);
        byte[] img = new byte[28 * 28];
        Arrays.fill(img, (byte) 200);
        InputSpikes a = e.encode(img, 1, 5);
        e.encode(img, 1, 4); // another sample in between changes nothing
        InputSpikes b = e.encode(img, 1, 5);
        assertArrayEquals(a.ticks(), b.ticks());
        assertArrayEquals(a.channels(), b.channels());
        InputSpikes otherIndex = e.encode(img, 1, 6);
        InputSpikes otherSeed = e.encode(img, 2, 5);
        assertFalse(Arrays.equals(a.channels(), otherIndex.channels()) && Arrays.equals(a.ticks(),
                otherIndex.ticks()));
        assertFalse(Arrays.equals(a.channels(), otherSeed.channels()) && Arrays.equals(a.ticks(),
                otherSeed.ticks()));
        assertEquals(784, a.channelCount());
    }

    @Test
    void configurableMaxRateAndValidation() {
        RateEncoder always = new RateEncoder(5, 1.0);
        InputSpikes in = always.encode(new byte[] {(byte) 255, 0}, 0, 0);
        assertArrayEquals(new int[] {1, 2, 3, 4}, in.ticks());
        assertArrayEquals(new int[] {0, 0, 0, 0}, in.channels());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new RateEncoder(10, 1.5));
        assertTrue(ex.getMessage().contains("maxProbability must be in (0, 1], was 1.5"));
        assertThrows(IllegalArgumentException.class, () -> new RateEncoder(1, 0.1));
    }

    /**
     * The encoder inlines SplittableRandom and compares integers; the spikes must be those of the plain definition:
     * {@code new SplittableRandom(Seeds.mix(seed, index))}, ticks ascending, non-zero pixels ascending, one
     * {@code nextDouble() < P} each. Pixel 255 at probability 1 and tiny probabilities cover the edges of the compare.
     */
    @Test
    void spikesAreThoseOfThePlainSplittableRandomDefinition() {
        java.util.SplittableRandom images = new java.util.SplittableRandom(12);
        double[] maxProbabilities = {RateEncoder.REFERENCE_MAX_PROBABILITY, 1.0, 1e-3, 0.5};
        for (double maxP : maxProbabilities) {
            RateEncoder enc = new RateEncoder(120, maxP);
            for (int trial = 0; trial < 20; trial++) {
                byte[] px = new byte[64];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) (images.nextInt(3) == 0 ? 0 : images.nextInt(256));
                }
                px[0] = (byte) 255;
                long seed = images.nextLong();
                long index = images.nextInt(100000);
                InputSpikes got = enc.encode(px, seed, index);
                java.util.SplittableRandom rng = new java.util.SplittableRandom(Seeds.mix(seed, index));
                int k = 0;
                for (int t = 1; t < 120; t++) {
                    for (int i = 0; i < px.length; i++) {
                        int p = px[i] & 0xFF;
                        if (p == 0) {
                            continue;
                        }
                        if (rng.nextDouble() < maxP * p / 255.0) {
                            assertTrue(k < got.size(), "too few spikes");
                            assertEquals(t, got.tick(k), "tick of spike " + k);
                            assertEquals(i, got.channel(k), "channel of spike " + k);
                            k++;
                        }
                    }
                }
                assertEquals(k, got.size(), "spike count, max probability " + maxP);
            }
        }
    }
}
