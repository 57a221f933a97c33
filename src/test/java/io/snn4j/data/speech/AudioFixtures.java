package io.snn4j.data.speech;

import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.data.audio.FrontEnd;
import io.snn4j.data.encode.CochleagramEncoder;
import io.snn4j.data.encode.Seeds;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test files and stand-ins: 16-bit PCM WAV and NIST SPHERE writers, a tone generator, a counting frame-energy
 * front-end and a seeded random encoder. Public so the CLI tests can build corpora too.
 */
public final class AudioFixtures {
    private AudioFixtures() {
    }

    /** A 16-bit PCM mono tone of {@code n} samples at {@code rate}: amplitude 0.5, frequency {@code hz}. */
    public static short[] tone(int n, double rate, double hz) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** The canonical 44-byte-header RIFF/WAVE file: format 1, mono, 16 bit. */
    public static byte[] wav(short[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + 2 * samples.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** A NIST SPHERE file with a 1024-byte header, 16-bit little-endian PCM, mono (as on the TI46 disc). */
    public static byte[] sphere(short[] samples, int rate) {
        StringBuilder h = new StringBuilder("NIST_1A\n   1024\n");
        h.append("sample_rate -i ").append(rate).append('\n');
        h.append("sample_count -i ").append(samples.length).append('\n');
        h.append("sample_n_bytes -i 2\nchannel_count -i 1\nsample_byte_format -s2 01\nsample_coding -s3 pcm\n");
        h.append("end_head\n");
        while (h.length() < 1024) {
            h.append(' ');
        }
        ByteBuffer b = ByteBuffer.allocate(1024 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii(h.toString()));
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Writes {@code bytes} to {@code file}, creating its folders. */
    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A stand-in front-end: frames of {@code frameSamples} samples (at the audio's own rate), channel c of a frame is
     * {@code (c + 1) * mean |x|} over the frame. Counts its calls.
     */
    public static final class EnergyFrontEnd implements FrontEnd {
        private final int channels;
        private final int frameSamples;
        public final AtomicInteger calls = new AtomicInteger();

        public EnergyFrontEnd(int channels, int frameSamples) {
            this.channels = channels;
            this.frameSamples = frameSamples;
        }

        @Override
        public double sampleRate() {
            return 8000;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public double frameRateHz() {
            return 8000.0 / frameSamples;
        }

        @Override
        public Cochleagram apply(Audio audio) {
            calls.incrementAndGet();
            float[] x = audio.samples();
            int frames = x.length / frameSamples;
            float[] v = new float[channels * frames];
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                for (int i = 0; i < frameSamples; i++) {
                    sum += Math.abs(x[f * frameSamples + i]);
                }
                for (int c = 0; c < channels; c++) {
                    v[c * frames + f] = (float) ((c + 1) * sum / frameSamples);
                }
            }
            double[] cf = new double[channels];
            for (int c = 0; c < channels; c++) {
                cf[c] = 1000.0 * (channels - c);
            }
            return new Cochleagram(channels, frames, frameRateHz(), v, cf);
        }
    }

    /**
     * A stand-in encoder: each frame lasts {@code ticksPerFrame} ticks; at each tick channel c spikes with probability
     * {@code min(1, value)}, drawn from {@code new SplittableRandom(Seeds.mix(seed, sampleIndex))}.
     */
    public static final class RandomEncoder implements CochleagramEncoder {
        private final int ticksPerFrame;

        public RandomEncoder(int ticksPerFrame) {
            this.ticksPerFrame = ticksPerFrame;
        }

        @Override
        public InputSpikes encode(Cochleagram c, int ticks, long seed, long sampleIndex) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, sampleIndex));
            int limit = Math.min(ticks, c.frames() * ticksPerFrame);
            int[] t = new int[limit * c.channels()];
            int[] ch = new int[t.length];
            int n = 0;
            for (int tick = 0; tick < limit; tick++) {
                for (int k = 0; k < c.channels(); k++) {
                    if (rng.nextDouble() < Math.min(1, c.value(k, tick / ticksPerFrame))) {
                        t[n] = tick;
                        ch[n++] = k;
                    }
                }
            }
            return InputSpikes.of(c.channels(), java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(ch, n));
        }

        @Override
        public int channelCount(int cochleagramChannels) {
            return cochleagramChannels;
        }
    }
}
