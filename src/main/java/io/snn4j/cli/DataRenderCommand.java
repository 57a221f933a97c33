package io.snn4j.cli;

import io.snn4j.io.AtomicFiles;
import io.snn4j.data.EventFile;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.render.EventRenderer;

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
 * {@code snn4j data render PATH --out FILE.png}: draws an N-MNIST recording ({@code .bin} or {@code .bs2}) as an
 * accumulated ON/OFF event image beside a time raster and event-rate plot, into one PNG written atomically.
 */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {"Draw an N-MNIST recording (.bin/.bs2) as an event image (ON green, OFF red) and a time raster "
                + "into one PNG."})
final class DataRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "an N-MNIST .bin or .bs2 file")
    Path path;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Option(names = "--lenient", description = "skip and count malformed records instead of failing on the first")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .png file, was " + out);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        EventFile file = new NmnistReader(lenient).read(path);
        String title = path.getFileName() + (file.badRecordCount() > 0
                ? " (" + file.badRecordCount() + " bad records skipped)" : "");
        BufferedImage image = EventRenderer.render(file.events(), title);
        AtomicFiles.write(out, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
        PrintWriter pw = spec.commandLine().getOut();
        pw.println("rendered " + file.events().size() + " events of " + path + " into " + out + " ("
                + image.getWidth() + " x " + image.getHeight() + ")");
        pw.flush();
        return 0;
    }
}
