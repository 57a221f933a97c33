package io.snn4j.cli;

import io.snn4j.io.AtomicFiles;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventFiles;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.data.render.AudioRenderer;
import io.snn4j.data.render.EventRenderer;
import io.snn4j.data.speech.SpeechAudio;
import io.snn4j.event.InputSpikes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snn4j data render PATH --out FILE.png}: draws an event recording of any format {@code data info} reads
 * (N-MNIST, AEDAT 4.0 / 3.1, Prophesee RAW EVT 2.0 / 3.0, CSV) as an accumulated ON/OFF event image at the sensor's
 * own geometry beside a time raster and event-rate plot, or a speech recording ({@code .wav},
 * {@code .sph}) as its waveform, cochleagram and input spike raster, into one PNG written atomically.
 */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {"Draw an event recording (N-MNIST, AEDAT 4.0/3.1, Prophesee RAW EVT 2.0/3.0, CSV) as an event "
                + "image at "
                + "the sensor's geometry (ON green, OFF red), a time raster and the event rate, "
                + "or a speech recording (.wav/.sph: RIFF/WAVE or NIST SPHERE) as its waveform, cochleagram and "
                + "spike raster, into one PNG."})
final class DataRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH",
            description = "an event file (see data info), or a .wav / .sph recording")
    Path path;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Option(names = "--lenient", description = "skip and count malformed records instead of failing on the first")
    boolean lenient;

    @Option(names = "--frontend", paramLabel = "NAME", defaultValue = "lyon",
            description = "speech: auditory front-end, " + SpeechSpecs.FRONT_ENDS + ". Default: ${DEFAULT-VALUE}.")
    String frontEnd;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "bsa",
            description = "speech: cochleagram encoder, " + SpeechSpecs.ENCODERS + ". Default: ${DEFAULT-VALUE}.")
    String encoder;

    @Option(names = "--encoder-option", paramLabel = "KEY=VALUE",
            description = "speech: encoder setting as in a data spec: scale=X (bsa), max=X (poisson), step=X (delta)")
    java.util.List<String> encoderOptions = new java.util.ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "speech: seed of a random encoder (poisson). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .png file, was " + out);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        String lower = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".wav") || lower.endsWith(".sph")) {
            return renderSpeech();
        }
        EventFile file = EventFiles.read(path, lenient);
        String title = path.getFileName() + (file.badRecordCount() > 0
                ? " (" + file.badRecordCount() + " bad records skipped)" : "");
        BufferedImage image = EventRenderer.render(file.events(), title);
        writePng(image);
        PrintWriter pw = spec.commandLine().getOut();
        pw.println("rendered " + file.events().size() + " events of " + path + " into " + out + " ("
                + image.getWidth() + " x " + image.getHeight() + ")");
        pw.flush();
        return 0;
    }

    private int renderSpeech() throws IOException {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (String o : encoderOptions) {
            int eq = o.indexOf('=');
            if (eq < 1 || !java.util.Set.of("scale", "max", "step").contains(o.substring(0, eq))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--encoder-option must be scale=X, max=X or step=X, was "
                        + o);
            }
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        options.put("frontend", frontEnd);
        options.put("encoder", encoder);
        SpeechSpecs.Pipeline pipe = SpeechSpecs.pipeline(options, "--frontend " + frontEnd + " --encoder " + encoder
                + (encoderOptions.isEmpty() ? "" : " --encoder-option " + String.join(" --encoder-option ",
                encoderOptions)));
        Audio audio = SpeechAudio.read(path);
        Cochleagram cochleagram = pipe.frontEnd().apply(audio);
        int ticks = Math.max(1, cochleagram.frames() * pipe.ticksPerFrame());
        InputSpikes spikes = pipe.encoder().encode(cochleagram, ticks, seed, 0);
        double secondsPerTick = 1.0 / (cochleagram.frameRateHz() * pipe.ticksPerFrame());
        String title = path.getFileName() + ": " + pipe.description();
        BufferedImage image = AudioRenderer.render(audio, cochleagram, spikes, secondsPerTick, title);
        writePng(image);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(java.util.Locale.ROOT, "rendered %s (%.3f s at %.0f Hz, %s) into %s (%d x %d): %d channels x %d "
                        + "frames, %d spikes over %d ticks%n", path, audio.durationSeconds(), audio.sampleRate(),
                audio.sourceFormat(), out, image.getWidth(), image.getHeight(), cochleagram.channels(),
                cochleagram.frames(), spikes.size(), ticks);
        pw.flush();
        return 0;
    }

    private void writePng(BufferedImage image) throws IOException {
        AtomicFiles.write(out, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
    }
}
