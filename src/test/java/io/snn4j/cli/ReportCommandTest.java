package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final Pattern IMG = Pattern.compile(
            "<img alt=\"([^\"]*)\" width=\"(\\d+)\" height=\"(\\d+)\" "
                    + "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");

    @TempDir
    static Path dir;
    private static Path run;
    private static Path page;
    private static String html;

    /** One small recorded run (two epochs of 60 built-in digits) and its report, shared by the tests. */
    @BeforeAll
    static void trainAndReport() throws IOException {
        run = dir.resolve("run");
        CliTest.Run t = CliTest.run("train", "--data", "builtin:60", "--test-limit", "40", "--epochs", "2",
                "--seed", "3", "--no-progress", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("report/"), t.out());
        page = dir.resolve("report.html");
        CliTest.Run r = CliTest.run("report", run.toString(), "--out", page.toString(), "--slice-points", "5");
        assertEquals(0, r.code(), r.err());
        html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(r.out().contains("wrote     " + page + ": " + images(html).size() + " figures"), r.out());
    }

    private static List<Matcher> images(String html) {
        Matcher m = IMG.matcher(html);
        List<Matcher> all = new ArrayList<>();
        while (m.find()) {
            all.add(IMG.matcher(m.group()));
        }
        all.forEach(Matcher::matches);
        return all;
    }

    /** Every figure is an inlined PNG that decodes to the size the page states; nothing is loaded from elsewhere. */
    @Test
    void pageIsSelfContainedWithEveryFigureADecodablePng() throws IOException {
        List<Matcher> imgs = images(html);
        assertEquals(html.split("<img ", -1).length - 1, imgs.size(), "every <img> is an inlined PNG");
        assertTrue(imgs.size() >= 15, imgs.size() + " figures");
        for (Matcher m : imgs) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(4))));
            assertEquals(Integer.parseInt(m.group(2)), img.getWidth(), m.group(1));
            assertEquals(Integer.parseInt(m.group(3)), img.getHeight(), m.group(1));
        }
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link")
                || html.contains("<script"), "no external resource or script");
        for (String section : List.of("Training curves", "Confusion matrix", "Where the descent goes",
                "Dead and saturated neurons", "What the hidden neurons look for", "One sample through HM2-BP")) {
            assertTrue(html.contains("<h2>" + section + "</h2>"), section);
        }
        for (String fig : List.of("Gradient norms", "Update sizes", "Loss slice", "Input weights", "Raster hidden",
                "Macro level", "S-PSP hidden", "S-PSP input", "Error at the input")) {
            assertTrue(html.contains("alt=\"" + fig + "\""), fig);
        }
        assertFalse(html.contains("Not recorded"), "a recorded run lacks nothing");
    }

    /** The confusion matrix's text comes from report/confusion.csv's last epoch and matches metrics.csv. */
    @Test
    void confusionTextAgreesWithTheRecordedTestAccuracy() throws IOException {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        double acc = Double.parseDouble(metrics.get(2).split(",")[4]);
        long right = Math.round(acc * 40);
        assertTrue(html.contains("40 test samples, " + right + " on the diagonal"), "accuracy " + acc);
    }

    @Test
    void aRunWithoutRecordingStillGetsItsCurvesAndSaysWhatIsMissing() throws IOException {
        Path plain = dir.resolve("plain");
        CliTest.Run t = CliTest.run("train", "--data", "builtin:30", "--test-limit", "20", "--no-progress",
                "--no-record", "--out", plain.toString());
        assertEquals(0, t.code(), t.err());
        assertFalse(Files.exists(plain.resolve("report")));
        Path out = dir.resolve("plain.html");
        CliTest.Run r = CliTest.run("report", plain.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("missing   report/updates.csv"), r.out());
        String h = Files.readString(out);
        assertTrue(h.contains("Not recorded in this run folder"));
        assertTrue(h.contains("alt=\"Accuracy and cost per epoch\""));
        assertTrue(h.contains("alt=\"Input weights\""), "weights come from model.pb");
    }

    @Test
    void badRunFoldersFailNamingTheFile() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        CliTest.Run r = CliTest.run("report", bad.toString(), "--out", dir.resolve("x.html").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.resolve("model.pb") + ": missing"), r.err());
        Files.copy(run.resolve("model.pb"), bad.resolve("model.pb"));
        Files.writeString(bad.resolve("metrics.csv"), "epoch,train_cost,train_accuracy,test_accuracy\n1,NaN,0.5,0.5\n");
        r = CliTest.run("report", bad.toString(), "--out", dir.resolve("x.html").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("metrics.csv: data row 1, column 'train_cost': expected a finite number, was "
                + "'NaN'"), r.err());
        assertFalse(Files.exists(dir.resolve("x.html")));
        r = CliTest.run("report", run.toString(), "--out", dir.resolve("x.html").toString(), "--sample", "99");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("sample 99: the run recorded 32 test samples"), r.err());
    }

    /**
     * The page in a real headless browser (Debian's chromium): a copy of it with a checking script in its head (the
     * report itself has no script) is loaded, and the script writes into the DOM how many images there are, how many
     * did not decode (naturalWidth 0) and every error or console error; then a screenshot must be a non-blank picture.
     */
    @Test
    void everyFigureLoadsInAHeadlessBrowser() throws Exception {
        String chromium = findChromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium): the browser "
                + "check of the report is skipped");
        String check = "<script>window.__e=[];"
                + "window.addEventListener('error',function(e){window.__e.push('error '+(e.message||"
                + "(e.target&&e.target.alt)))},true);"
                + "var ce=console.error;console.error=function(){window.__e.push('console '+Array.prototype.join"
                + ".call(arguments,' '));ce.apply(console,arguments)};"
                + "window.addEventListener('load',function(){var im=document.images,b=0;"
                + "for(var i=0;i<im.length;i++){if(!(im[i].complete&&im[i].naturalWidth>0))b++}"
                + "var p=document.createElement('pre');p.id='check';p.textContent='images='+im.length+' broken='+b"
                + "+' errors='+window.__e.length+' '+window.__e.join(' | ');document.body.appendChild(p)});</script>";
        Path checked = dir.resolve("checked.html");
        Files.writeString(checked, html.replace("<head>\n", "<head>\n" + check + "\n"), StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        String dom = chromium(chromium, profile, "--virtual-time-budget=20000", "--dump-dom",
                checked.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"check\">images=(\\d+) broken=(\\d+) errors=(\\d+) ?([^<]*)</pre>")
                .matcher(dom);
        assertTrue(m.find(), "the check did not run: " + dom.substring(0, Math.min(300, dom.length())));
        assertEquals(images(html).size(), Integer.parseInt(m.group(1)), "images in the browser");
        assertEquals(0, Integer.parseInt(m.group(2)), "broken images");
        assertEquals(0, Integer.parseInt(m.group(3)), "errors: " + m.group(4));
        Path shot = dir.resolve("report.png");
        chromium(chromium, profile, "--screenshot=" + shot, "--window-size=1000,2400", page.toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(2400, img.getHeight());
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                ink += (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        assertTrue(ink > img.getWidth() * img.getHeight() / 4 / 20, "screenshot nearly blank: " + ink);
    }

    private static String findChromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name).toString();
                }
            }
        }
        return null;
    }

    /** Runs headless chromium and returns its standard output. */
    private static String chromium(String exe, Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium exit code: " + cmd);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
