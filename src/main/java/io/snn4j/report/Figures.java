package io.snn4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's pictures: JFreeChart charts and plain pixel maps, encoded as PNG. Stateless. */
final class Figures {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** One picture of the page: PNG bytes and their pixel size. */
    record Figure(String title, String caption, byte[] png, int width, int height) {
    }

    private Figures() {
    }

    static Figure of(String title, String caption, JFreeChart chart, int width, int height) {
        try {
            return new Figure(title, caption, ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height)),
                    width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the figure '" + title + "' as PNG", e);
        }
    }

    static Figure of(String title, String caption, BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the figure '" + title + "' as PNG", e);
        }
        return new Figure(title, caption, out.toByteArray(), image.getWidth(), image.getHeight());
    }

    /** White background, light grid. */
    static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdddddd));
            p.setRangeGridlinePaint(new Color(0xdddddd));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    /** Lines with small markers, one colour per series; a log axis drops values &lt;= 0. */
    static JFreeChart lines(String title, String x, String y, XYSeriesCollection data, boolean logY) {
        NumberAxis xAxis = new NumberAxis(x);
        xAxis.setAutoRangeIncludesZero(false);
        ValueAxis yAxis;
        if (logY) {
            LogAxis log = new LogAxis(y);
            log.setSmallestValue(1e-12);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.##E0"));
            log.setMinorTickMarksVisible(false);
            yAxis = log;
        } else {
            NumberAxis n = new NumberAxis(y);
            n.setAutoRangeIncludesZero(false);
            yAxis = n;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, data.getItemCount(0) <= 60);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            r.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            r.setSeriesStroke(s, new BasicStroke(1.6f));
            r.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, data.getSeriesCount() > 1));
    }

    /** Vertical bars at x = 0, 1, ... of {@code values}. */
    static JFreeChart bars(String title, String x, String y, String series, double[] values, Color color) {
        XYSeries s = new XYSeries(series);
        for (int i = 0; i < values.length; i++) {
            s.add(i, values[i]);
        }
        XYBarRenderer r = new XYBarRenderer(0.1);
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setSeriesPaint(0, color);
        NumberAxis xAxis = new NumberAxis(x);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = new NumberAxis(y);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), xAxis, yAxis, r);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /**
     * A heat map of {@code z[x][y]} with a colour bar; {@code annotate} writes each value (as an integer) on its
     * cell; {@code invertY} puts y = 0 at the top.
     */
    static JFreeChart heatmap(String title, String x, String y, double[][] z, PaintScale scale, String scaleLabel,
                              boolean annotate, boolean invertY) {
        return heatmap(title, x, y, z, scale, scaleLabel, annotate, invertY, null, null);
    }

    /** As above, with tick labels for the cells when {@code xLabels} / {@code yLabels} are not null. */
    static JFreeChart heatmap(String title, String x, String y, double[][] z, PaintScale scale, String scaleLabel,
                              boolean annotate, boolean invertY, String[] xLabels, String[] yLabels) {
        int nx = z.length;
        int ny = nx == 0 ? 0 : z[0].length;
        double[][] data = new double[3][nx * ny];
        int at = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                data[0][at] = i;
                data[1][at] = j;
                data[2][at] = z[i][j];
                at++;
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("values", data);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        NumberAxis xAxis = xLabels == null ? new NumberAxis(x) : labelled(x, xLabels, true);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        xAxis.setRange(-0.5, nx - 0.5);
        NumberAxis yAxis = yLabels == null ? new NumberAxis(y) : labelled(y, yLabels, false);
        yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        yAxis.setRange(-0.5, ny - 0.5);
        yAxis.setInverted(invertY);
        XYPlot plot = new XYPlot(ds, xAxis, yAxis, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (annotate) {
            Font f = new Font(Font.SANS_SERIF, Font.PLAIN, nx > 12 ? 9 : 11);
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    if (z[i][j] != 0) {
                        XYTextAnnotation a = new XYTextAnnotation(String.valueOf(Math.round(z[i][j])), i, j);
                        a.setFont(f);
                        double t = (z[i][j] - scale.getLowerBound()) / (scale.getUpperBound() - scale.getLowerBound());
                        a.setPaint(t > 0.55 ? Color.WHITE : Color.BLACK);
                        plot.addAnnotation(a);
                    }
                }
            }
        }
        JFreeChart chart = styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
        plot.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis(scaleLabel);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setStripWidth(12);
        chart.addSubtitle(legend);
        return chart;
    }

    private static NumberAxis labelled(String name, String[] labels, boolean domain) {
        org.jfree.chart.axis.SymbolAxis a = new org.jfree.chart.axis.SymbolAxis(name, labels);
        a.setGridBandsVisible(false);
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, labels.length > 24 ? 8 : 10));
        if (domain && labels.length > 24) {
            a.setVerticalTickLabels(true);
        }
        return a;
    }

    /**
     * A spike raster: a dot at (tick, neuron) for every spike of {@code trains[neuron]}; {@code extra} (may be null)
     * adds a second series drawn in red.
     */
    static JFreeChart raster(String title, String population, int[][] trains, int ticks, String extraName,
                             int[][] extra) {
        XYSeries s = new XYSeries("spikes", false, true);
        for (int n = 0; n < trains.length; n++) {
            for (int t : trains[n]) {
                s.add(t, n);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        if (extra != null) {
            XYSeries e = new XYSeries(extraName, false, true);
            for (int n = 0; n < extra.length; n++) {
                for (int t : extra[n]) {
                    e.add(t, n);
                }
            }
            data.addSeries(e);
        }
        double dot = trains.length > 200 ? 1.6 : trains.length > 40 ? 2.4 : 4;
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Rectangle2D.Double(-dot / 2, -dot / 2, dot, dot));
        r.setSeriesPaint(0, new Color(0x222222));
        r.setSeriesShape(1, new Rectangle2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(1, PALETTE[1]);
        NumberAxis xAxis = new NumberAxis("tick");
        xAxis.setRange(0, ticks);
        NumberAxis yAxis = new NumberAxis(population + " neuron");
        yAxis.setRange(-0.5, trains.length - 0.5);
        yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, extra != null));
    }

    /**
     * Pixel maps in an input layout, side by side in rows of {@code columns}: {@code maps[m][channel]}; each map is
     * coloured on its own diverging scale (max |value| of the map) unless {@code shared}; each pixel becomes a
     * {@code zoom x zoom} square; planes of one map are drawn next to each other, maps separated by a gap.
     */
    static BufferedImage maps(double[][] maps, InputLayout layout, int zoom, int columns, boolean shared) {
        int mapW = layout.planes() * layout.width() * zoom + (layout.planes() - 1) * 2;
        int mapH = layout.height() * zoom;
        int gap = 8;
        int cols = Math.max(1, Math.min(columns, maps.length));
        int rows = (maps.length + cols - 1) / cols;
        int w = cols * mapW + (cols + 1) * gap;
        int h = Math.max(1, rows) * mapH + (Math.max(1, rows) + 1) * gap;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(0xf4f4f4));
        g.fillRect(0, 0, w, h);
        g.dispose();
        double global = 0;
        for (double[] m : maps) {
            global = Math.max(global, maxAbs(m));
        }
        for (int m = 0; m < maps.length; m++) {
            ColorScale scale = ColorScale.diverging(shared ? global : maxAbs(maps[m]));
            int x0 = gap + (m % cols) * (mapW + gap);
            int y0 = gap + (m / cols) * (mapH + gap);
            if (layout.planes() > 1) {
                // a frame around the planes of one map, so that they read as one picture
                Graphics2D fg = img.createGraphics();
                fg.setColor(new Color(0x999999));
                fg.drawRect(x0 - 2, y0 - 2, mapW + 3, mapH + 3);
                fg.dispose();
            }
            for (int p = 0; p < layout.planes(); p++) {
                int px0 = x0 + p * (layout.width() * zoom + 2);
                for (int y = 0; y < layout.height(); y++) {
                    for (int x = 0; x < layout.width(); x++) {
                        int c = layout.channel(p, x, y);
                        int rgb = c < 0 ? 0xdddddd : scale.rgb(maps[m][c]);
                        for (int dy = 0; dy < zoom; dy++) {
                            for (int dx = 0; dx < zoom; dx++) {
                                img.setRGB(px0 + x * zoom + dx, y0 + y * zoom + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return img;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
