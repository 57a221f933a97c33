package io.snn4j.data.render;

import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws a speech sample as three stacked panels on one time axis (seconds): the waveform (min/max envelope per pixel
 * column), the cochleagram (channels x frames heat map, channel 0 = highest centre frequency at the top, colour
 * linear in the value up to the 99.5th percentile, labelled with centre frequencies) and the spike raster of the
 * encoded input (one dot per spike; with twice as many input channels as cochleagram channels, the second bank, OFF
 * spikes, in red). Java 2D only, no fonts beyond the JDK's logical ones.
 *
 * <p>Stateless and thread-safe.
 */
public final class AudioRenderer {
    private static final Color INK = new Color(30, 30, 30);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color WAVE = new Color(40, 90, 170);
    private static final Color ON = new Color(20, 20, 20);
    private static final Color OFF = new Color(220, 40, 40);
    private static final int MARGIN = 16;
    private static final int AXIS_LEFT = 78;
    private static final int PLOT_WIDTH = 820;
    private static final int WAVE_HEIGHT = 110;
    private static final int COCHLEA_HEIGHT = 280;
    private static final int RASTER_HEIGHT = 280;
    private static final int TITLE_HEIGHT = 44;
    private static final int GAP = 34;

    private AudioRenderer() {
    }

    /**
     * Renders the sample.
     *
     * @param audio          the recording (any rate)
     * @param cochleagram    its front-end output
     * @param spikes         the encoded input, or {@code null} for no raster panel content
     * @param secondsPerTick duration of one spike tick, &gt; 0 (e.g. 0.0016 for 10 ticks per 16 ms frame)
     * @param title          first title line, e.g. the file name
     * @return a new RGB image
     */
    public static BufferedImage render(Audio audio, Cochleagram cochleagram, InputSpikes spikes,
            double secondsPerTick, String title) {
        if (!(secondsPerTick > 0)) {
            throw new IllegalArgumentException("secondsPerTick must be > 0, was " + secondsPerTick);
        }
        double seconds = Math.max(audio.durationSeconds(), cochleagram.durationSeconds());
        if (spikes != null && spikes.size() > 0) {
            seconds = Math.max(seconds, (spikes.lastTick() + 1) * secondsPerTick);
        }
        seconds = Math.max(seconds, 1e-3);
        int width = MARGIN + AXIS_LEFT + PLOT_WIDTH + MARGIN;
        int height = TITLE_HEIGHT + GAP + WAVE_HEIGHT + GAP + COCHLEA_HEIGHT + GAP + RASTER_HEIGHT + 48;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, MARGIN, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int spikeCount = spikes == null ? 0 : spikes.size();
            g.drawString(String.format(Locale.ROOT,
                    "%.3f s at %.0f Hz; cochleagram %d channels x %d frames at %.2f frames/s; %d spikes"
                            + " (%.0f per second of audio)", audio.durationSeconds(), audio.sampleRate(),
                    cochleagram.channels(), cochleagram.frames(), cochleagram.frameRateHz(), spikeCount,
                    spikeCount / Math.max(audio.durationSeconds(), 1e-9)), MARGIN, 37);
            int left = MARGIN + AXIS_LEFT;
            int top = TITLE_HEIGHT + GAP;
            drawWave(g, audio, left, top, seconds);
            top += WAVE_HEIGHT + GAP;
            drawCochleagram(g, cochleagram, left, top, seconds);
            top += COCHLEA_HEIGHT + GAP;
            drawRaster(g, spikes, cochleagram, secondsPerTick, left, top, seconds);
            drawTimeAxis(g, left, top + RASTER_HEIGHT, seconds);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void heading(Graphics2D g, String text, int left, int top) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(text, left, top - 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    private static void drawWave(Graphics2D g, Audio audio, int left, int top, double seconds) {
        heading(g, "Waveform", left, top);
        timeGrid(g, left, top, WAVE_HEIGHT, seconds);
        int n = audio.sampleCount();
        float[] x = new float[n];
        audio.copySamples(x);
        float peak = 1e-6f;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        int mid = top + WAVE_HEIGHT / 2;
        double half = (WAVE_HEIGHT / 2.0 - 3) / peak;
        g.setColor(WAVE);
        double samplesPerPixel = audio.sampleRate() * seconds / PLOT_WIDTH;
        for (int px = 0; px < PLOT_WIDTH; px++) {
            int a = (int) (px * samplesPerPixel);
            int b = Math.min(n, (int) ((px + 1) * samplesPerPixel) + 1);
            if (a >= n) {
                break;
            }
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = a; i < b; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            g.drawLine(left + px, mid - (int) Math.round(hi * half), left + px, mid - (int) Math.round(lo * half));
        }
        g.setColor(INK);
        g.drawRect(left, top, PLOT_WIDTH, WAVE_HEIGHT);
        FontMetrics fm = g.getFontMetrics();
        String p = String.format(Locale.ROOT, "%.3f", peak);
        g.drawString(p, left - 5 - fm.stringWidth(p), top + 10);
        g.drawString("0", left - 5 - fm.stringWidth("0"), mid + 4);
        String m = "-" + p;
        g.drawString(m, left - 5 - fm.stringWidth(m), top + WAVE_HEIGHT);
    }

    private static void drawCochleagram(Graphics2D g, Cochleagram c, int left, int top, double seconds) {
        float[] v = c.values();
        float scale = percentile(v, 0.995);
        heading(g, String.format(Locale.ROOT, "Cochleagram (colour = value / %.3g, the 99.5th percentile)", scale),
                left, top);
        g.setColor(Color.BLACK);
        g.fillRect(left, top, PLOT_WIDTH, COCHLEA_HEIGHT);
        int channels = c.channels();
        int frames = c.frames();
        double frameSeconds = 1 / c.frameRateHz();
        for (int ch = 0; ch < channels; ch++) {
            int y0 = top + (int) ((long) ch * COCHLEA_HEIGHT / channels);
            int y1 = top + (int) ((long) (ch + 1) * COCHLEA_HEIGHT / channels);
            for (int f = 0; f < frames; f++) {
                int x0 = left + (int) (f * frameSeconds / seconds * PLOT_WIDTH);
                int x1 = left + (int) ((f + 1) * frameSeconds / seconds * PLOT_WIDTH);
                g.setColor(heat(v[ch * frames + f] / scale));
                g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        g.setColor(INK);
        g.drawRect(left, top, PLOT_WIDTH, COCHLEA_HEIGHT);
        channelAxis(g, c.centreFrequencies(), channels, left, top, COCHLEA_HEIGHT, "centre frequency (Hz)");
    }

    private static void drawRaster(Graphics2D g, InputSpikes spikes, Cochleagram c, double secondsPerTick,
            int left, int top, double seconds) {
        int inputs = spikes == null ? c.channels() : spikes.channelCount();
        boolean twoBanks = spikes != null && inputs == 2 * c.channels();
        heading(g, twoBanks ? "Spike raster (ON black, OFF red; input channel = cochleagram channel)"
                : "Spike raster (one dot per spike; input channel = cochleagram channel)", left, top);
        timeGrid(g, left, top, RASTER_HEIGHT, seconds);
        if (spikes != null) {
            int rows = twoBanks ? c.channels() : Math.max(1, inputs);
            for (int i = 0; i < spikes.size(); i++) {
                int ch = spikes.channel(i);
                boolean off = twoBanks && ch >= rows;
                int row = off ? ch - rows : ch;
                int px = left + (int) (spikes.tick(i) * secondsPerTick / seconds * PLOT_WIDTH);
                int py = top + (int) ((row + 0.5) * RASTER_HEIGHT / rows);
                g.setColor(off ? OFF : ON);
                g.fillRect(px, py - 1, 2, 2);
            }
        }
        g.setColor(INK);
        g.drawRect(left, top, PLOT_WIDTH, RASTER_HEIGHT);
        channelAxis(g, c.centreFrequencies(), c.channels(), left, top, RASTER_HEIGHT, "input channel (Hz)");
    }

    private static void channelAxis(Graphics2D g, double[] cf, int channels, int left, int top, int h, String label) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int step = Math.max(1, channels / 8);
        for (int ch = 0; ch < channels; ch += step) {
            int py = top + (int) ((ch + 0.5) * h / channels);
            String s = ch + ": " + Math.round(cf[ch]);
            g.drawString(s, left - 5 - fm.stringWidth(s), py + 4);
            g.drawLine(left - 3, py, left, py);
        }
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, MARGIN - 4, top + h / 2 + 50);
        g.drawString(label, MARGIN - 4, top + h / 2 + 50);
        g.setTransform(saved);
    }

    private static void timeGrid(Graphics2D g, int left, int top, int h, double seconds) {
        g.setColor(GRID);
        double step = timeStep(seconds);
        for (double t = 0; t <= seconds + 1e-12; t += step) {
            int px = left + (int) (t / seconds * PLOT_WIDTH);
            g.drawLine(px, top, px, top + h);
        }
    }

    private static void drawTimeAxis(Graphics2D g, int left, int bottom, double seconds) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        double step = timeStep(seconds);
        for (double t = 0; t <= seconds + 1e-12; t += step) {
            int px = left + (int) (t / seconds * PLOT_WIDTH);
            String s = String.format(Locale.ROOT, step < 0.1 ? "%.2f" : "%.1f", t);
            g.drawString(s, px - fm.stringWidth(s) / 2, bottom + 14);
        }
        g.drawString("time (s)", left + PLOT_WIDTH / 2 - 20, bottom + 30);
    }

    /** 1, 2 or 5 times a power of ten giving 4 to 12 ticks. */
    private static double timeStep(double seconds) {
        double base = Math.pow(10, Math.floor(Math.log10(seconds / 12)));
        for (double m : new double[] {1, 2, 5}) {
            if (seconds / (base * m) <= 12) {
                return base * m;
            }
        }
        return base * 10;
    }

    private static float percentile(float[] v, double p) {
        if (v.length == 0) {
            return 1;
        }
        float[] s = v.clone();
        java.util.Arrays.sort(s);
        float q = s[Math.min(s.length - 1, (int) (p * s.length))];
        return q > 0 ? q : (s[s.length - 1] > 0 ? s[s.length - 1] : 1);
    }

    /** Black - purple - orange - yellow ramp for {@code u} in [0, 1] (clipped). */
    static Color heat(double u) {
        double t = Math.max(0, Math.min(1, u));
        double r = Math.min(1, 1.6 * t);
        double gr = Math.max(0, Math.min(1, 1.8 * t - 0.6));
        double b = t < 0.35 ? 1.6 * t : Math.max(0, 0.56 - 1.4 * (t - 0.35)) + Math.max(0, 2.5 * (t - 0.8));
        return new Color((int) Math.round(255 * r), (int) Math.round(255 * gr), (int) Math.round(255 * Math.min(1, b)));
    }
}
