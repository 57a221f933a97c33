package io.snn4j.cli;

import io.snn4j.data.aedat.Aedat4Writer;
import io.snn4j.data.net.DvStreamServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snn4j data serve}: replays a recording as an iniVation DV network event stream (AEDAT 4.0 packet framing over
 * TCP), at real time or faster, for {@code run --connect} or any DV client.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Replay a recording as a DV network event stream (iniVation DV's TCP output: an IOHeader, then "
                + "AEDAT 4.0 packets): listen on PORT, wait for a client, send the events at real time (or SPEED "
                + "times), timestamps as the file has them, then close the connection and exit; with --loop start "
                + "over until the client leaves, then wait for the next one."})
final class DataServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the recording (any format data info reads)")
    Path file;

    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port to listen on (0: any free "
            + "port, printed)")
    int port;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "replay speed, times real time. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--loop", description = "start over at the end of the recording, serving clients for ever")
    boolean loop;

    @Option(names = "--packet-us", paramLabel = "US", defaultValue = "1000",
            description = "recording time per packet, microseconds (at most 8192 events). Default: ${DEFAULT-VALUE}.")
    long packetUs;

    @Option(names = "--compression", paramLabel = "NAME", defaultValue = "none",
            description = "packet compression: none, lz4 or zstd (needs the IOHeader). Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--no-header", description = "send no IOHeader (older DV servers; no compression)")
    boolean noHeader;

    @Override
    public Integer call() throws IOException {
        Aedat4Writer.Compression comp;
        try {
            comp = Aedat4Writer.Compression.valueOf(compression.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compression must be none, lz4 or zstd, "
                    + "was " + compression);
        }
        if (noHeader && comp != Aedat4Writer.Compression.NONE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-header streams cannot be compressed");
        }
        Path in = Home.resolve(file);
        if (!Files.isRegularFile(in)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        PrintWriter o = spec.commandLine().getOut();
        try (DvStreamServer server = new DvStreamServer(in, InetAddress.getByName(bind), port, speed, loop, packetUs,
                comp, !noHeader)) {
            o.printf(Locale.ROOT, "serving %s on %s:%d at %sx%s%n", file, bind, server.port(),
                    SimulateCommand.trim(speed), loop ? ", looping" : "");
            o.flush();
            do {
                boolean complete = server.serveOne();
                o.printf(Locale.ROOT, "%s: %,d events in %,d packets%n", complete ? "sent" : "client left after",
                        server.eventsSent(), server.packetsSent());
                o.flush();
            } while (loop);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
