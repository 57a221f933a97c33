package io.snn4j.report;

import io.snn4j.io.AtomicFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.train.Hm2BpInspector;
import io.snn4j.train.SampleTrace;
import io.snn4j.train.TrainingConfig;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code snn4j report}: one self-contained HTML page (every figure a PNG inlined as a data URI) explaining a training
 * run from its folder: training curves, the confusion matrix, gradient and update norms, a slice of the loss along the
 * last update, dead and saturated neurons, the hidden neurons' input weights as pictures and one test sample through
 * HM2-BP (spike rasters, the macro-level output error, the micro-level S-PSP matrices and the errors handed down).
 * The sample and the loss slice are computed from the trained model ({@code model.pb}) with the trainer's own code
 * ({@link Hm2BpInspector}) on the test samples the recorder kept. Stateless.
 */
public final class ReportWriter {
    /**
     * @param sample      which of the recorded test samples to trace, &gt;= 0
     * @param slicePoints points of the loss slice, &gt;= 3
     * @param sliceRange  the slice spans [-range, range] times the last update; 0 chooses it (the range over which
     *                    the weights move by 5 % of their norm, at least 2)
     */
    public record Options(int sample, int slicePoints, double sliceRange) {
        public Options {
            if (sample < 0) {
                throw new IllegalArgumentException("sample must be >= 0, was " + sample);
            }
            if (slicePoints < 3 || slicePoints > 1001) {
                throw new IllegalArgumentException("slicePoints must be in [3, 1001], was " + slicePoints);
            }
            if (!(sliceRange >= 0) || !Double.isFinite(sliceRange)) {
                throw new IllegalArgumentException("sliceRange must be >= 0 and finite, was " + sliceRange);
            }
        }

        public static Options defaults() {
            return new Options(0, 21, 0);
        }
    }

    /**
     * What was written.
     *
     * @param figures the number of figures
     * @param bytes   size of the page
     * @param missing recorded files the run folder lacks (their figures are left out, saying so)
     */
    public record Result(int figures, long bytes, List<String> missing) {
        public Result {
            missing = List.copyOf(missing);
        }
    }

    private record Section(String title, String text, List<Figures.Figure> figures) {
    }

    private ReportWriter() {
    }

    /**
     * Writes the report of {@code runDir} to {@code out} (atomically).
     *
     * @throws IOException naming the file and the problem when the run folder is incomplete or malformed
     */
    public static Result write(Path runDir, Path out, Options options) throws IOException {
        System.setProperty("java.awt.headless", "true");
        RunData run = RunData.load(runDir);
        // the targets, margin and regulariser the run trained with (the built-in ones for models before 1.4)
        TrainingConfig config = TrainingConfig.of(run.training.or(TrainingConfig.builtInSettings()).withEpochs(1), 1);
        List<Section> sections = new ArrayList<>();
        sections.add(curves(run));
        sections.add(confusion(run));
        sections.add(descent(run, config, options));
        sections.add(activity(run));
        sections.add(weights(run));
        sections.add(sample(run, config, options));
        String html = html(run, sections);
        AtomicFiles.writeString(out, html, StandardCharsets.UTF_8);
        int figures = 0;
        for (Section s : sections) {
            figures += s.figures().size();
        }
        return new Result(figures, html.getBytes(StandardCharsets.UTF_8).length, run.missing);
    }

    // ---- sections ----

    private static Section curves(RunData run) throws IOException {
        CsvTable m = run.metrics;
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            rows.add(new String[] {String.valueOf(m.integer(i, "epoch")), "", String.valueOf(m.number(i, "train_cost")),
                    String.valueOf(m.number(i, "train_accuracy")), String.valueOf(m.number(i, "test_accuracy"))});
        }
        List<Figures.Figure> f = new ArrayList<>();
        f.add(Figures.of("Accuracy and cost per epoch", "Training accuracy is that of the forward passes during the "
                + "epoch (the weights change as it runs); test accuracy is measured after the epoch. The cost is the "
                + "mean over the epoch's samples of the squared output errors outside the dead zone.",
                TrainingCurve.chart(rows), 820, 420));
        String last = m.size() == 0 ? "no epoch recorded" : String.format(Locale.ROOT,
                "after %d epoch%s: test accuracy %.2f %%, training accuracy %.2f %%, training cost %.1f",
                m.integer(m.size() - 1, "epoch"), m.integer(m.size() - 1, "epoch") == 1 ? "" : "s",
                100 * m.number(m.size() - 1, "test_accuracy"), 100 * m.number(m.size() - 1, "train_accuracy"),
                m.number(m.size() - 1, "train_cost"));
        return new Section("Training curves", "From metrics.csv, " + last + ".", f);
    }

    private static Section confusion(RunData run) throws IOException {
        CsvTable c = run.confusion;
        if (c == null || c.size() == 0) {
            return new Section("Confusion matrix", "Not recorded (report/confusion.csv is missing).", List.of());
        }
        int epoch = c.integer(c.size() - 1, "epoch");
        int labels = 0;
        int decisions = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.integer(i, "epoch") == epoch) {
                labels = Math.max(labels, c.integer(i, "label") + 1);
                decisions = Math.max(decisions, c.integer(i, "decision") + 1);
            }
        }
        double[][] z = new double[decisions][labels];
        long total = 0;
        long right = 0;
        double max = 1;
        for (int i = 0; i < c.size(); i++) {
            if (c.integer(i, "epoch") == epoch) {
                int n = c.integer(i, "count");
                int l = c.integer(i, "label");
                int d = c.integer(i, "decision");
                if (n < 0 || l < 0 || d < 0) {
                    throw new IOException(run.dir.resolve("report/confusion.csv") + ": data row " + (i + 1)
                            + ": label, decision and count must be >= 0");
                }
                z[d][l] = n;
                total += n;
                right += l == d ? n : 0;
                max = Math.max(max, n);
            }
        }
        JFreeChart chart = Figures.heatmap("Test confusion matrix after epoch " + epoch,
                "decision (most output spikes)",
                "label", z, ColorScale.sequential(0, max), "samples", true, true);
        String text = String.format(Locale.ROOT, "%d test samples, %d on the diagonal (%.2f %%). A silent output "
                + "layer counts as decision 0, as in the reference code.", total, right, total == 0 ? 0
                : 100.0 * right / total);
        return new Section("Confusion matrix", text, List.of(Figures.of("Confusion matrix", "Rows: true label; "
                + "columns: the network's decision.", chart, 640, 560)));
    }

    private static Section descent(RunData run, TrainingConfig config, Options o) throws IOException {
        List<Figures.Figure> f = new ArrayList<>();
        StringBuilder text = new StringBuilder("Training walks down the loss surface blindfolded: each Adam step "
                + "follows the HM2-BP gradient of one sample (faithful mode) or one minibatch. These figures show how "
                + "large the gradients and the steps were, layer by layer, and what the loss looks like along the "
                + "last step.");
        if (run.updates == null || run.updates.size() == 0) {
            text.append(" Gradient and update norms were not recorded (report/updates.csv is missing).");
        } else {
            int zero = 0;
            for (int i = 0; i < run.updates.size(); i++) {
                zero += run.updates.number(i, "gradient_norm") == 0 ? 1 : 0;
            }
            f.add(Figures.of("Gradient norms", "L2 norm of each layer's data gradient (before the regulariser) at "
                    + "the measured updates (about 50 per epoch). " + zero + " of " + run.updates.size()
                    + " layer gradients were exactly 0 (every output inside its dead zone) and are left out.",
                    Figures.lines("Gradient norm per layer",
                    "epoch", "||dE/dW||", perLayer(run.updates, "gradient_norm"), true), 820, 360));
            f.add(Figures.of("Update sizes", "L2 norm of the change of each layer's weights made by the measured "
                    + "Adam steps (regulariser included).", Figures.lines("Update size per layer", "epoch",
                    "||W after - W before||", perLayer(run.updates, "update_norm"), true), 820, 360));
            f.add(Figures.of("Relative update sizes", "Update size divided by the norm of the weights after it.",
                    Figures.lines("Relative update size per layer", "epoch", "||dW|| / ||W||",
                            relative(run.updates), true), 820, 360));
        }
        if (run.step == null || run.probes.isEmpty()) {
            text.append(" The loss slice needs report/last-step.bin and report/probes.spk, which are missing.");
        } else {
            f.add(lossSlice(run, config, o));
        }
        return new Section("Where the descent goes", text.toString(), f);
    }

    private static Figures.Figure lossSlice(RunData run, TrainingConfig config, Options o) {
        float[][] step = run.step.layers();
        double stepSq = 0;
        double weightSq = 0;
        for (float[] layer : step) {
            for (float x : layer) {
                stepSq += (double) x * x;
            }
        }
        for (ProjectionSpec p : run.spec.projections()) {
            // the trained weights: only dense and conv2d layers have any in a network the trainer accepts
            float[] w = p instanceof ProjectionSpec.Dense d ? d.weights()
                    : p instanceof ProjectionSpec.Conv2d c ? c.weights() : new float[0];
            for (float x : w) {
                weightSq += (double) x * x;
            }
        }
        double stepNorm = Math.sqrt(stepSq);
        double range = o.sliceRange() > 0 ? o.sliceRange()
                : stepNorm == 0 ? 2 : Math.max(2, niceCeil(0.05 * Math.sqrt(weightSq) / stepNorm));
        double[] alphas = sliceAlphas(range, o.slicePoints());
        double[] costs = LossSlice.costs(run.spec, config, step, alphas, run.probes, run.probeLabels);
        XYSeries s = new XYSeries("mean cost of " + run.probes.size() + " test samples");
        for (int i = 0; i < alphas.length; i++) {
            s.add(alphas[i], costs[i]);
        }
        JFreeChart chart = Figures.lines("Loss along the last update direction", "alpha (multiples of the last "
                + "update; 0 = trained weights, -1 = before the last update)", "mean cost", new XYSeriesCollection(s),
                false);
        XYPlot plot = chart.getXYPlot();
        ValueMarker here = new ValueMarker(0, new Color(0x2ca02c), new BasicStroke(1.5f));
        here.setLabel("trained");
        plot.addDomainMarker(here);
        ValueMarker before = new ValueMarker(-1, new Color(0x999999), new BasicStroke(1f));
        plot.addDomainMarker(before);
        String caption = String.format(Locale.ROOT, "The trained weights W moved to W + alpha * dW, dW the last Adam "
                + "step of epoch %d (norm %.3g; the weights' norm is %.3g), alpha in [-%s, %s]; at each point the mean "
                + "logged cost (squared output errors outside the dead zone) of the recorded test samples, from a "
                + "forward pass. The cost counts spikes, so it moves in steps.", run.step.epoch() + 1, stepNorm,
                Math.sqrt(weightSq), trim(range), trim(range));
        return Figures.of("Loss slice", caption, chart, 820, 400);
    }

    /** {@code points} values spread evenly over [-range, range], plus -1, 0 and 1, ascending and distinct. */
    static double[] sliceAlphas(double range, int points) {
        double[] a = new double[points + 3];
        for (int i = 0; i < points; i++) {
            a[i] = -range + 2 * range * i / (points - 1);
        }
        a[points] = -1;
        a[points + 1] = 0;
        a[points + 2] = 1;
        return Arrays.stream(a).sorted().distinct().toArray();
    }

    /** The smallest of 1, 2, 5 times a power of ten that is >= x (x > 0). */
    static double niceCeil(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static Section activity(RunData run) throws IOException {
        CsvTable a = run.activity;
        if (a == null || a.size() == 0) {
            return new Section("Dead and saturated neurons", "Not recorded (report/activity.csv is missing).",
                    List.of());
        }
        Map<String, XYSeries> dead = new LinkedHashMap<>();
        Map<String, XYSeries> saturated = new LinkedHashMap<>();
        Map<String, XYSeries> rate = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            String pop = a.text(i, "population");
            double x = a.integer(i, "epoch") - 1 + a.number(i, "samples_done") / a.number(i, "epoch_samples");
            dead.computeIfAbsent(pop, k -> new XYSeries(k + " dead", false, true)).add(x, a.number(i, "dead"));
            saturated.computeIfAbsent(pop, k -> new XYSeries(k + " saturated", false, true))
                    .add(x, a.number(i, "saturated"));
            rate.computeIfAbsent(pop, k -> new XYSeries(k, false, true)).add(x, a.number(i, "mean_spikes_per_neuron"));
        }
        XYSeriesCollection counts = new XYSeriesCollection();
        for (String pop : dead.keySet()) {
            counts.addSeries(dead.get(pop));
            counts.addSeries(saturated.get(pop));
        }
        XYSeriesCollection rates = new XYSeriesCollection();
        rate.values().forEach(rates::addSeries);
        StringBuilder sizes = new StringBuilder();
        for (PopulationSpec p : run.spec.populations()) {
            if (!p.isInput()) {
                sizes.append(sizes.length() == 0 ? "" : ", ").append(p.name()).append(' ').append(p.size())
                        .append(" neurons (saturated at ").append(TrainingRecorder.maxSpikes(p, run.spec.ticks()))
                        .append(" spikes)");
            }
        }
        String text = "Over intervals of about 1/25 epoch: a neuron is dead when it did not spike on any sample of the "
                + "interval, saturated when it averaged at least 90 % of the most spikes it can fire in a sample (one "
                + "every refractory period + 1 ticks). " + sizes + ".";
        JFreeChart c = Figures.lines("Dead and saturated neurons", "epoch", "neurons", counts, false);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return new Section("Dead and saturated neurons", text, List.of(
                Figures.of("Dead and saturated neurons", "Counts per population over training.", c, 820, 380),
                Figures.of("Spike rates", "Mean spikes per neuron per sample, per population.",
                        Figures.lines("Mean spikes per neuron per sample", "epoch", "spikes", rates, false), 820,
                        320)));
    }

    private static Section weights(RunData run) {
        NetworkSpec spec = run.spec;
        ProjectionSpec first = null;
        for (ProjectionSpec p : spec.projections()) {
            if (p.source() == spec.input()) {
                first = p;
            }
        }
        // a picture is drawn for these two kinds of first layer only; any other gets the sentence at the end
        if (first instanceof ProjectionSpec.Dense d) {
            int nIn = spec.population(d.source()).size();
            int nOut = spec.population(d.target()).size();
            int shown = Math.min(64, nOut);
            double[][] maps = new double[shown][nIn];
            for (int i = 0; i < shown; i++) {
                for (int j = 0; j < nIn; j++) {
                    maps[i][j] = d.weights()[i * nIn + j];
                }
            }
            InputLayout l = run.layout;
            int zoom = l.width() * l.planes() <= 40 ? 3 : l.width() * l.planes() <= 80 ? 2 : 1;
            int columns = Math.min(8, Math.max(1, 880 / (l.planes() * l.width() * zoom + 8)));
            String planes = l.planes() == 2 ? " Each neuron is two pictures: " + l.planeName(0) + " events (left) and "
                    + l.planeName(1) + " events (right)." : "";
            return new Section("What the hidden neurons look for", "The input weights of the first " + shown
                    + " neurons of '" + spec.population(d.target()).name() + "' (projection '" + d.name()
                    + "'), each drawn in the input's layout (" + l.description() + ").", List.of(Figures.of(
                    "Input weights", "Red: positive (excitatory) weight, blue: negative, white: 0; each picture is "
                            + "scaled to its own largest |w|." + planes, Figures.maps(maps, l, zoom, columns,
                            false))));
        }
        // (see above: the second kind with a picture)
        if (first instanceof ProjectionSpec.Conv2d c) {
            int k = c.kernel();
            int per = c.inChannels() * k * k;
            double[][] maps = new double[c.outChannels()][per];
            for (int m = 0; m < c.outChannels(); m++) {
                for (int x = 0; x < per; x++) {
                    maps[m][x] = c.weights()[m * per + x];
                }
            }
            InputLayout l = new InputLayout(c.inChannels(), k, k, false, false, per,
                    c.inChannels() + " x " + k + " x " + k + " kernels");
            return new Section("What the first layer looks for", "The " + c.outChannels() + " kernels of the "
                    + "convolution '" + c.name() + "' (" + l.description() + ").", List.of(Figures.of("Kernels",
                    "Red: positive weight, blue: negative; each kernel scaled to its own largest |w|.",
                    Figures.maps(maps, l, 10, 10, false))));
        }
        return new Section("What the hidden neurons look for", "The first layer is neither dense nor a convolution.",
                List.of());
    }

    private static Section sample(RunData run, TrainingConfig config, Options o) {
        String title = "One sample through HM2-BP";
        if (run.probes.isEmpty()) {
            return new Section(title, "Not recorded (report/probes.spk is missing).", List.of());
        }
        if (o.sample() >= run.probes.size()) {
            throw new IllegalArgumentException("sample " + o.sample() + ": the run recorded " + run.probes.size()
                    + " test samples");
        }
        Hm2BpInspector inspector = new Hm2BpInspector(run.spec, config);
        SampleTrace t = inspector.trace(run.probes.get(o.sample()), run.probeLabels[o.sample()]);
        int layers = t.layerCount();
        String[] pops = t.populations();
        int[][][] spikes = t.spikes();
        int ticks = run.spec.ticks();
        List<Figures.Figure> f = new ArrayList<>();
        for (int p = 0; p <= layers; p++) {
            int[][] extra = null;
            if (p == layers && t.injected()) {
                extra = new int[spikes[p].length][0];
                extra[t.label()] = injectedTrain(ticks, config.desired());
            }
            int total = 0;
            for (int[] s : spikes[p]) {
                total += s.length;
            }
            f.add(Figures.of("Raster " + pops[p], String.format(Locale.ROOT, "Population '%s': %d spikes of %d "
                            + "neurons over %d ticks.%s", pops[p], total, spikes[p].length, ticks,
                    extra != null ? " The label neuron was silent: HM2-BP replaces its train by the target spikes "
                            + "(red) before computing the S-PSPs." : ""),
                    Figures.raster("Spikes of '" + pops[p] + "'" + (p == 0 ? " (input)" : ""), pops[p], spikes[p],
                            ticks, "injected target spikes", extra), 820, p == layers ? 260 : 380));
        }
        double nu = run.spec.population(run.spec.output()).lif().threshold();
        f.add(macro(t, config));
        double[] outDelta = t.deltas()[layers - 1];
        f.add(Figures.of("Output error", "delta_i = (o_i - y_i) / nu outside the dead zone, 0 inside it (nu = "
                + trim(nu) + "). This is the macro-level error that starts the backward pass.",
                Figures.bars("Output error delta = dE/da", "output neuron", "delta", "delta", outDelta,
                        Figures.PALETTE[1]), 820, 280));
        float[][] spsp = t.spsp();
        for (int k = layers - 1; k >= 0; k--) {
            if (spsp[k].length > 0) {
                f.add(spspFigure(t, k, spikes, spsp[k]));
            }
            if (k > 0) {
                double[] d = t.deltas()[k - 1];
                int nonzero = 0;
                for (double x : d) {
                    nonzero += x != 0 ? 1 : 0;
                }
                f.add(Figures.of("Error handed down to " + pops[k], String.format(Locale.ROOT, "delta_j = (sum_i "
                                + "delta_i w_ij e_{i|j} / o_j) / nu for the neurons of '%s' (the effect ratio e/o_j "
                                + "replaced by 1 for a silent neuron); %d of %d are non-zero.", pops[k], nonzero,
                        d.length), Figures.bars("Error of '" + pops[k] + "'", pops[k] + " neuron", "delta", "delta",
                        d, Figures.PALETTE[0]), 820, 300));
            }
        }
        if (t.inputError().length > 0) {
            double[][] maps = {t.inputError(), countsAsDouble(spikes[0])};
            InputLayout l = run.layout;
            int zoom = Math.max(1, 320 / (l.planes() * l.width()));
            f.add(Figures.of("Error at the input", "Left: dE/do_j for every input channel, the error HM2-BP would "
                    + "hand to the input (red: more input spikes would raise the loss, blue: lower it). Right: the "
                    + "sample's input spike counts. Both in the input's layout (" + l.description() + ").",
                    Figures.maps(maps, l, zoom, 2, false)));
        }
        String text = String.format(Locale.ROOT, "Test sample %d of the run (label %d): the trained network decides "
                        + "%d, logged cost %.1f. HM2-BP splits the gradient in two. The macro level works on spike "
                        + "counts: the loss E = 1/2 ||o - y||^2 compares the output counts o with the targets y "
                        + "(%d for the label, %d for the others, no error within %d), and o ~ a / nu turns it into the "
                        + "error delta = dE/da of each output neuron. The micro level works on spike times: the "
                        + "spike-train level post-synaptic potential (S-PSP) e_{i|j} sums the effect of neuron j's "
                        + "whole train on neuron i's membrane at each of i's firing times; the total PSP is a_i = "
                        + "sum_j w_ij e_{i|j}, so dE/dw_ij = delta_i e_{i|j} (1 + side_i), and the error handed to the "
                        + "layer below goes through the effect ratios e_{i|j} / o_j.", o.sample(), t.label(),
                t.decision(), t.cost(), config.desired(), config.undesired(), config.margin());
        return new Section(title, text, f);
    }

    private static Figures.Figure macro(SampleTrace t, TrainingConfig config) {
        int[] counts = t.counts(t.layerCount());
        int[] targets = t.targets();
        XYSeries o = new XYSeries("output spikes o_i");
        XYSeries y = new XYSeries("target y_i");
        XYSeries lo = new XYSeries("dead zone y_i +/- " + config.margin());
        XYSeries hi = new XYSeries("dead zone upper", false, true);
        for (int i = 0; i < counts.length; i++) {
            o.add(i, counts[i]);
            y.add(i, targets[i]);
            lo.add(i, Math.max(0, targets[i] - config.margin()));
            hi.add(i, targets[i] + config.margin());
        }
        XYBarRenderer bars = new XYBarRenderer(0.25);
        bars.setShadowVisible(false);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setSeriesPaint(0, new Color(0x888888));
        NumberAxis xAxis = new NumberAxis("output neuron (class)");
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = new NumberAxis("spikes");
        XYPlot plot = new XYPlot(new XYSeriesCollection(o), xAxis, yAxis, bars);
        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(y);
        marks.addSeries(lo);
        marks.addSeries(hi);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Rectangle2D.Double(-14, -1.5, 28, 3));
        r.setSeriesPaint(0, Figures.PALETTE[1]);
        r.setSeriesShape(1, new Rectangle2D.Double(-14, -0.5, 28, 1));
        r.setSeriesPaint(1, new Color(0xf4a582));
        r.setSeriesShape(2, new Rectangle2D.Double(-14, -0.5, 28, 1));
        r.setSeriesPaint(2, new Color(0xf4a582));
        r.setSeriesVisibleInLegend(2, false);
        plot.setDataset(1, marks);
        plot.setRenderer(1, r);
        JFreeChart chart = Figures.styled(new JFreeChart("Macro level: output spike counts against targets",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        return Figures.of("Macro level", "Grey bars: the output counts o_i of this sample; red: the targets y_i, "
                + "with the dead zone (thin marks) inside which the error is 0.", chart, 820, 340);
    }

    /** The S-PSP matrix of layer k restricted to its most active pre and post neurons. */
    private static Figures.Figure spspFigure(SampleTrace t, int k, int[][][] spikes, float[] e) {
        String[] pops = t.populations();
        int nIn = spikes[k].length;
        int nOut = spikes[k + 1].length;
        int[] pre = mostActive(spikes[k], 48);
        int[] post = nOut <= 48 ? identity(nOut) : mostActive(spikes[k + 1], 48);
        double[][] z = new double[post.length][pre.length];
        double max = 0;
        for (int a = 0; a < post.length; a++) {
            for (int b = 0; b < pre.length; b++) {
                z[a][b] = e[pre[b] * nOut + post[a]];
                max = Math.max(max, z[a][b]);
            }
        }
        int fired = 0;
        for (int[] s : spikes[k]) {
            fired += s.length > 0 ? 1 : 0;
        }
        JFreeChart chart = Figures.heatmap("Micro level: S-PSP e_{i|j}, '" + pops[k] + "' -> '" + pops[k + 1] + "'",
                pops[k + 1] + " neuron i (" + (post.length < nOut ? post.length + " most active" : "all") + ")",
                pops[k] + " neuron j (" + pre.length + " most active of " + fired + " that fired)",
                z, ColorScale.sequential(0, max > 0 ? max : 1), "e_{i|j}", false, true, names(post), names(pre));
        return Figures.of("S-PSP " + pops[k], "The spike-train level PSP of each pair (pre j, post i): the "
                + "summed effect of j's spikes on i's membrane at i's firing times. A silent post neuron takes "
                + "0.1 from every active pre neuron; a silent pre neuron gives 0. It carries both the weight gradient "
                + "dE/dw_ij = delta_i e_{i|j} (1 + side_i) and the effect ratios e_{i|j} / o_j that hand the error "
                + "down. " + nIn + " x " + nOut + " pairs in all.", chart, 820, 560);
    }

    // ---- helpers ----

    /**
     * Indices of the (up to) {@code n} neurons with most spikes (ties: lower index), ascending; silent ones left out.
     */
    static int[] mostActive(int[][] trains, int n) {
        Integer[] idx = new Integer[trains.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> trains[b].length != trains[a].length ? trains[b].length - trains[a].length
                : a - b);
        int m = 0;
        while (m < Math.min(n, idx.length) && trains[idx[m]].length > 0) {
            m++;
        }
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = idx[i];
        }
        Arrays.sort(out);
        return out;
    }

    private static String[] names(int[] indices) {
        String[] s = new String[indices.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = String.valueOf(indices[i]);
        }
        return s;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static double[] countsAsDouble(int[][] trains) {
        double[] c = new double[trains.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = trains[i].length;
        }
        return c;
    }

    /** The target spikes HM2-BP injects for a silent label neuron: m * floor(T / desired), m = 1, 2, ..., below T. */
    static int[] injectedTrain(int ticks, int desired) {
        if (desired == 0) {
            return new int[0];
        }
        int every = Math.max(1, ticks / desired);
        int n = (ticks - 1) / every;
        int[] a = new int[n];
        for (int m = 0; m < n; m++) {
            a[m] = (m + 1) * every;
        }
        return a;
    }

    /**
     * One series per layer of column {@code column} against the fractional epoch, leaving out zeros (a log axis has
     * no place for them).
     */
    private static XYSeriesCollection perLayer(CsvTable u, String column) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (int i = 0; i < u.size(); i++) {
            String layer = u.text(i, "layer");
            if (u.number(i, column) <= 0) {
                continue;
            }
            double x = u.integer(i, "epoch") - 1 + (u.number(i, "update") + 1) / u.number(i, "updates");
            series.computeIfAbsent(layer, k -> new XYSeries(k, false, true)).add(x, u.number(i, column));
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        return c;
    }

    private static XYSeriesCollection relative(CsvTable u) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (int i = 0; i < u.size(); i++) {
            double w = u.number(i, "weight_norm");
            if (w <= 0) {
                continue;
            }
            double x = u.integer(i, "epoch") - 1 + (u.number(i, "update") + 1) / u.number(i, "updates");
            series.computeIfAbsent(u.text(i, "layer"), k -> new XYSeries(k, false, true))
                    .add(x, u.number(i, "update_norm") / w);
        }
        XYSeriesCollection c = new XYSeriesCollection();
        series.values().forEach(c::addSeries);
        return c;
    }

    private static String trim(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format(Locale.ROOT,
                "%.3g", x);
    }

    // ---- HTML ----

    private static String html(RunData run, List<Section> sections) {
        StringBuilder h = new StringBuilder(1 << 20);
        String name = run.spec.name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>snn4j report: ")
                .append(esc(name)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222;"
                        + "line-height:1.45}\n")
                .append("h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;"
                        + "margin-top:2em}\n")
                .append("figure{margin:1.2em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}\n")
                .append("figcaption{font-size:.9em;color:#555}table{border-collapse:collapse;font-size:.9em}\n")
                .append("td{padding:.1em .8em .1em 0;vertical-align:top}.missing{color:#a33}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Training report: ").append(esc(name)).append("</h1>\n<table>\n");
        row(h, "network", describe(run.spec));
        for (String key : List.of("data", "trainer", "epochs", "seed", "lr", "lambda", "batch", "test_accuracy")) {
            String v = run.metadata.get(key);
            if (v != null && !v.isEmpty()) {
                row(h, key.replace('_', ' '), v);
            }
        }
        row(h, "input layout", run.layout.description());
        h.append("</table>\n");
        if (!run.missing.isEmpty()) {
            h.append("<p class=\"missing\">Not recorded in this run folder: ").append(esc(String.join(", ",
                    run.missing))).append(" (train without --no-record to get them).</p>\n");
        }
        int n = 0;
        for (Section s : sections) {
            h.append("<h2>").append(esc(s.title())).append("</h2>\n<p>").append(esc(s.text())).append("</p>\n");
            for (Figures.Figure f : s.figures()) {
                n++;
                h.append("<figure id=\"fig").append(n).append("\"><img alt=\"").append(esc(f.title()))
                        .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\">\n<figcaption>Figure ")
                        .append(n).append(". ").append(esc(f.caption())).append("</figcaption></figure>\n");
            }
        }
        h.append("<p style=\"font-size:.8em;color:#888\">Written by snn4j report from ").append(esc(
                run.dir.getFileName() == null ? run.dir.toString() : run.dir.getFileName().toString()))
                .append(".</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td>").append(esc(key)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String describe(NetworkSpec net) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < net.populations().size(); p++) {
            sb.append(p == 0 ? "" : " - ").append(net.population(p).name()).append(' ')
                    .append(net.population(p).size());
        }
        return sb + ", " + net.ticks() + " ticks of " + trim(net.usPerTick()) + " us";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
