package io.snn4j.report;

import io.snn4j.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The training-curve picture: train and test accuracy (left axis) and the training cost (right axis) per epoch. */
public final class TrainingCurve {
    private TrainingCurve() {
    }

    /** Writes the picture as an 800 x 500 PNG; {@code rows} as {@code snn4j train} writes {@code metrics.csv}. */
    public static void write(Path file, List<String[]> rows) throws IOException {
        JFreeChart chart = chart(rows);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }

    /**
     * The chart of metrics rows: column 0 the epoch, 2 the train cost, 3 the train accuracy, 4 the test accuracy (as
     * in {@code metrics.csv}).
     */
    static JFreeChart chart(List<String[]> rows) {
        System.setProperty("java.awt.headless", "true");
        XYSeries train = new XYSeries("train accuracy (%)");
        XYSeries test = new XYSeries("test accuracy (%)");
        XYSeries cost = new XYSeries("train cost");
        for (String[] r : rows) {
            int epoch = Integer.parseInt(r[0]);
            train.add(epoch, 100 * Double.parseDouble(r[3]));
            test.add(epoch, 100 * Double.parseDouble(r[4]));
            cost.add(epoch, Double.parseDouble(r[2]));
        }
        XYSeriesCollection accuracy = new XYSeriesCollection();
        accuracy.addSeries(train);
        accuracy.addSeries(test);
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis percent = new NumberAxis("accuracy (%)");
        percent.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer accRenderer = new XYLineAndShapeRenderer(true, true);
        accRenderer.setSeriesPaint(0, new Color(0x1f77b4));
        accRenderer.setSeriesPaint(1, new Color(0xd62728));
        accRenderer.setSeriesStroke(0, new BasicStroke(2f));
        accRenderer.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = new XYPlot(accuracy, epochs, percent, accRenderer);
        NumberAxis costAxis = new NumberAxis("train cost");
        costAxis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, costAxis);
        plot.setDataset(1, new XYSeriesCollection(cost));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer costRenderer = new XYLineAndShapeRenderer(true, true);
        costRenderer.setSeriesPaint(0, new Color(0x7f7f7f));
        costRenderer.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(1, costRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart("HM2-BP training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
