package io.snn4j.data.render;

import io.snn4j.data.EventStream;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws one recording as a picture: on the left the event image at the sensor's own geometry (events accumulated per
 * pixel, ON in green, OFF in red, both scaled by the square root of the count so sparse pixels stay visible, full
 * colour at the 99.9th percentile of the counts so hot pixels do not darken the rest; sensors up to 300 x 380 magnified
 * by a whole factor, sensors beyond 640 x 480 reduced by summing square blocks), on the right a time raster (x: time in
 * ms since the first event, y: pixel index y·width + x, one dot per event, coloured by polarity) above the event rate
 * over time (ON and OFF events per ms). Titles, axis labels and ticks are drawn with Java 2D; no fonts beyond the JDK's
 * logical fonts.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventRenderer {
    /** Colour of ON events. */
    public static final Color ON = new Color(40, 200, 60);
    /** Colour of OFF events. */
    public static final Color OFF = new Color(230, 50, 40);
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = new Color(30, 30, 30);
    private static final Color GRID = new Color(225, 225, 225);
    private static final int MARGIN = 16;
    private static final int IMAGE_PANEL = 340;
    private static final int RASTER_WIDTH = 620;
    private static final int RASTER_HEIGHT = 300;
    private static final int RATE_HEIGHT = 110;
    private static final int AXIS_LEFT = 64;
    private static final int TITLE_HEIGHT = 44;

    private EventRenderer() {
    }

    /**
     * Renders the recording.
     *
     * @param events the recording (any sensor size; timestamps non-decreasing for a meaningful raster)
     * @param title  first title line, e.g. the file name
     * @return a new RGB image
     */
    public static BufferedImage render(EventStream events, String title) {
        Geometry geo = Geometry.of(events.width(), events.height());
        int panel = Math.max(IMAGE_PANEL, geo.drawnWidth() + 60);
        int width = MARGIN + panel + MARGIN + AXIS_LEFT + RASTER_WIDTH + MARGIN;
        int plots = TITLE_HEIGHT + MARGIN + 18 + RASTER_HEIGHT + 40 + RATE_HEIGHT + 44;
        int height = Math.max(plots, TITLE_HEIGHT + MARGIN + 24 + geo.drawnHeight() + 74);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            int on = 0;
            for (int i = 0; i < events.size(); i++) {
                on += events.polarity(i);
            }
            long first = events.size() == 0 ? 0 : events.timestampUs(0);
            long last = events.size() == 0 ? 0 : events.timestampUs(events.size() - 1);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, MARGIN, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(Locale.ROOT,
                    "%d events (%d ON, %d OFF), %.1f ms (t = %d .. %d us; time axes from the first event), "
                            + "sensor %d x %d%s", events.size(), on, events.size() - on, (last - first) / 1000.0, first,
                    last, events.width(), events.height(), geo.down() > 1 ? ", drawn in blocks of " + geo.down()
                            + " x " + geo.down() + " pixels" : ""), MARGIN, 37);
            drawEventImage(g, events, geo, MARGIN, TITLE_HEIGHT + MARGIN);
            long endUs = Math.max(1000, last - first);
            int rasterX = MARGIN + panel + MARGIN + AXIS_LEFT;
            int rasterY = TITLE_HEIGHT + MARGIN + 18;
            drawRaster(g, events, first, rasterX, rasterY, endUs);
            drawRate(g, events, first, rasterX, rasterY + RASTER_HEIGHT + 40, endUs);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * How a sensor is drawn: small sensors magnified by a whole {@code cell} factor, large ones reduced to one screen
     * pixel per {@code down} x {@code down} block (counts summed), keeping the aspect ratio.
     */
    record Geometry(int width, int height, int cell, int down) {
        static final int MAX_DRAWN_WIDTH = 640;
        static final int MAX_DRAWN_HEIGHT = 480;

        static Geometry of(int w, int h) {
            int down = Math.max(1, (int) Math.ceil(Math.max((double) w / MAX_DRAWN_WIDTH,
                    (double) h / MAX_DRAWN_HEIGHT)));
            int cell = down > 1 ? 1 : Math.max(1, Math.min((IMAGE_PANEL - 40) / w, (RASTER_HEIGHT + 80) / h));
            return new Geometry(w, h, cell, down);
        }

        int columns() {
            return (width + down - 1) / down;
        }

        int rows() {
            return (height + down - 1) / down;
        }

        int drawnWidth() {
            return columns() * cell;
        }

        int drawnHeight() {
            return rows() * cell;
        }
    }

    private static void drawEventImage(Graphics2D g, EventStream events, Geometry geo, int left, int top) {
        int cols = geo.columns();
        int rows = geo.rows();
        int down = geo.down();
        int cell = geo.cell();
        int[] onCounts = new int[cols * rows];
        int[] offCounts = new int[cols * rows];
        int max = 1;
        for (int i = 0; i < events.size(); i++) {
            int p = (events.y(i) / down) * cols + events.x(i) / down;
            int c = events.polarity(i) == 1 ? ++onCounts[p] : ++offCounts[p];
            max = Math.max(max, c);
        }
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Event image (ON green, OFF red)", left, top + 12);
        int x0 = left + 36;
        int y0 = top + 24;
        g.setColor(Color.BLACK);
        g.fillRect(x0, y0, cell * cols, cell * rows);
        double norm = Math.sqrt(saturation(onCounts, offCounts, max));
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int p = y * cols + x;
                if (onCounts[p] == 0 && offCounts[p] == 0) {
                    continue;
                }
                double a = Math.sqrt(onCounts[p]) / norm;
                double b = Math.sqrt(offCounts[p]) / norm;
                int red = clamp(OFF.getRed() * b + ON.getRed() * a);
                int green = clamp(OFF.getGreen() * b + ON.getGreen() * a);
                int blue = clamp(OFF.getBlue() * b + ON.getBlue() * a);
                g.setColor(new Color(red, green, blue));
                g.fillRect(x0 + x * cell, y0 + y * cell, cell, cell);
            }
        }
        int w = events.width();
        int h = events.height();
        g.setColor(INK);
        g.drawRect(x0 - 1, y0 - 1, cell * cols + 1, cell * rows + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int x = 0; x < w; x += tickStep(w)) {
            String s = Integer.toString(x);
            g.drawString(s, x0 + x / down * cell + cell / 2 - fm.stringWidth(s) / 2, y0 + cell * rows + 13);
        }
        for (int y = 0; y < h; y += tickStep(h)) {
            String s = Integer.toString(y);
            g.drawString(s, x0 - 4 - fm.stringWidth(s), y0 + y / down * cell + cell / 2 + 4);
        }
        g.drawString("x (pixel column)", x0 + cell * cols / 2 - 40, y0 + cell * rows + 27);
        drawVertical(g, "y (pixel row)", left + 8, y0 + cell * rows / 2 + 35);
        g.drawString("max " + max + " events per " + (down > 1 ? "block" : "pixel") + " and polarity;", x0,
                y0 + cell * rows + 42);
        g.drawString("colour ~ sqrt(count), full at " + saturation(onCounts, offCounts, max) + " (99.9th percentile)",
                x0, y0 + cell * rows + 56);
    }

    /**
     * The count drawn at full colour: the 99.9th percentile of the non-zero counts, so that a few hot pixels do not
     * leave the rest of the picture dark.
     */
    static int saturation(int[] on, int[] off, int max) {
        int[] histogram = new int[max + 1];
        long nonZero = 0;
        for (int i = 0; i < on.length; i++) {
            if (on[i] > 0) {
                histogram[on[i]]++;
                nonZero++;
            }
            if (off[i] > 0) {
                histogram[off[i]]++;
                nonZero++;
            }
        }
        long rank = (long) Math.ceil(0.999 * nonZero);
        long seen = 0;
        for (int c = 1; c <= max; c++) {
            seen += histogram[c];
            if (seen >= rank) {
                return c;
            }
        }
        return max;
    }

    private static int tickStep(int n) {
        return n <= 40 ? 5 : n <= 100 ? 10 : n <= 400 ? 50 : n <= 800 ? 100 : 200;
    }

    private static void drawRaster(Graphics2D g, EventStream events, long first, int left, int top, long endUs) {
        int pixels = events.width() * events.height();
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Time raster (dot = event; ON green, OFF red)", left, top - 6);
        drawTimeGrid(g, left, top, RASTER_HEIGHT, endUs);
        for (int i = 0; i < events.size(); i++) {
            int px = left + (int) ((double) (events.timestampUs(i) - first) / endUs * (RASTER_WIDTH - 1));
            int index = events.y(i) * events.width() + events.x(i);
            int py = top + (int) ((double) index / pixels * (RASTER_HEIGHT - 1));
            g.setColor(events.polarity(i) == 1 ? ON : OFF);
            g.fillRect(px, py, 2, 2);
        }
        g.setColor(INK);
        g.drawRect(left, top, RASTER_WIDTH, RASTER_HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int step = pixels <= 1200 ? 200 : pixels <= 12_000 ? 2000 : pixels <= 120_000 ? 20_000 : 200_000;
        for (int v = 0; v < pixels; v += step) {
            int py = top + (int) ((double) v / pixels * (RASTER_HEIGHT - 1));
            String s = Integer.toString(v);
            g.drawString(s, left - 5 - fm.stringWidth(s), py + 4);
            g.drawLine(left - 3, py, left, py);
        }
        drawVertical(g, "pixel index (y * " + events.width() + " + x)", left - 46, top + RASTER_HEIGHT / 2 + 70);
    }

    private static void drawRate(Graphics2D g, EventStream events, long first, int left, int top, long endUs) {
        int bins = RASTER_WIDTH / 4;
        double binUs = (double) (endUs + 1) / bins;
        int[] onBins = new int[bins];
        int[] offBins = new int[bins];
        int max = 1;
        for (int i = 0; i < events.size(); i++) {
            int b = Math.min(bins - 1, (int) ((events.timestampUs(i) - first) / binUs));
            int c = events.polarity(i) == 1 ? ++onBins[b] : ++offBins[b];
            max = Math.max(max, c);
        }
        double maxRate = max / (binUs / 1000);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Event rate (events per ms, bins of " + String.format(Locale.ROOT, "%.1f", binUs / 1000)
                + " ms)", left, top - 6);
        drawTimeGrid(g, left, top, RATE_HEIGHT, endUs);
        g.setStroke(new BasicStroke(1.5f));
        for (int pass = 0; pass < 2; pass++) {
            int[] counts = pass == 0 ? onBins : offBins;
            g.setColor(pass == 0 ? ON : OFF);
            int prevX = -1;
            int prevY = -1;
            for (int b = 0; b < bins; b++) {
                int x = left + (int) ((b + 0.5) * RASTER_WIDTH / bins);
                int y = top + RATE_HEIGHT - (int) ((double) counts[b] / max * (RATE_HEIGHT - 4));
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(INK);
        g.drawRect(left, top, RASTER_WIDTH, RATE_HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        String top0 = String.format(Locale.ROOT, "%.0f", maxRate);
        g.drawString(top0, left - 5 - fm.stringWidth(top0), top + 8);
        g.drawString("0", left - 5 - fm.stringWidth("0"), top + RATE_HEIGHT);
        drawVertical(g, "events/ms", left - 30, top + RATE_HEIGHT / 2 + 25);
        for (long t = 0; t <= endUs; t += timeStepUs(endUs)) {
            int px = left + (int) ((double) t / endUs * (RASTER_WIDTH - 1));
            String s = Long.toString(t / 1000);
            g.drawString(s, px - fm.stringWidth(s) / 2, top + RATE_HEIGHT + 14);
        }
        g.drawString("time since the first event (ms)", left + RASTER_WIDTH / 2 - 80, top + RATE_HEIGHT + 30);
    }

    private static void drawTimeGrid(Graphics2D g, int left, int top, int height, long endUs) {
        g.setColor(GRID);
        for (long t = 0; t <= endUs; t += timeStepUs(endUs)) {
            int px = left + (int) ((double) t / endUs * (RASTER_WIDTH - 1));
            g.drawLine(px, top, px, top + height);
        }
    }

    /** Tick spacing giving 5 to 12 ticks over 0..endUs, in whole milliseconds times 1, 2 or 5 decades. */
    private static long timeStepUs(long endUs) {
        long step = 1000;
        while (endUs / step > 12) {
            long next = step * 2;
            if (endUs / next <= 12) {
                return next;
            }
            next = step * 5;
            if (endUs / next <= 12) {
                return next;
            }
            step *= 10;
        }
        return step;
    }

    private static void drawVertical(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        g.drawString(text, x, y);
        g.setTransform(saved);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
