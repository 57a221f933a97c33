package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.aedat.Aedat4Writer;
import io.snn4j.data.net.DvStreamServer;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live input on loopback: {@code data serve} replays real N-MNIST recordings as DV network streams and
 * {@code run --connect} classifies them through a model trained here (its FILE_ZERO pipeline, so the served timestamps
 * are the file's); the class at the end of each stream must be the one {@code run --input} gives on the file. A server
 * killed mid-stream and restarted is survived with {@code --reconnect}; a server sending garbage gets a clear error
 * naming the byte offset and the client goes on to the next connection. Every run is bounded by its connection count.
 */
@Tag("slow")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LiveRunTest {
    @TempDir
    static Path dir;
    static Path data;
    static String model;

    @BeforeAll
    static void train() {
        data = SharedDatasets.require("nmnist-small");
        CliTest.Run t = CliTest.run("train", "--model", "models/nmnist-mlp.textproto", "--data", "nmnist:" + data,
                "--epochs", "1", "--limit", "300", "--test-limit", "50", "--out", dir.resolve("run").toString(),
                "--no-progress");
        assertEquals(0, t.code(), t.err());
        model = dir.resolve("run/model.pb").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    static CompletableFuture<CliTest.Run> serve(Path file, int port, String speed) {
        return CompletableFuture.supplyAsync(() -> CliTest.run("data", "serve", file.toString(), "--port",
                String.valueOf(port), "--speed", speed));
    }

    @Test
    void twentyServedRecordingsEndOnTheClassOfRunInput() throws Exception {
        List<String> differing = new ArrayList<>();
        long changes = 0;
        for (int id = 1; id <= 20; id++) {
            Path file = data.resolve(id + ".bs2");
            CliTest.Run offline = CliTest.run("run", "--model", model, "--input", file.toString());
            assertEquals(0, offline.code(), offline.err());
            int port = freePort();
            CompletableFuture<CliTest.Run> server = serve(file, port, id % 2 == 0 ? "10" : "1");
            CliTest.Run live = CliTest.run("run", "--model", model, "--connect", "127.0.0.1:" + port, "--reconnect",
                    "--connections", "1");
            CliTest.Run served = server.get(60, TimeUnit.SECONDS);
            assertEquals(0, served.code(), served.err());
            assertTrue(served.out().contains("sent: "), served.out());
            assertEquals(0, live.code(), live.err());
            assertTrue(live.out().contains(" 0 dropped by the queue"), live.out());
            assertTrue(live.out().contains("end of stream"), live.out());
            assertTrue(live.out().contains("latency      packet arrival to class update: p50 "), live.out());
            changes += live.out().lines().filter(l -> l.startsWith("t ")).count();
            if (!lastLine(live.out()).equals(lastLine(offline.out()))) {
                differing.add(file.getFileName() + ": live " + lastLine(live.out()) + ", file "
                        + lastLine(offline.out()));
            }
            assertTrue(lastLine(live.out()).matches("final class: [0-9]"), live.out());
        }
        assertEquals(List.of(), differing);
        assertTrue(changes >= 20, "every stream prints at least its first class, printed " + changes);
    }

    @Test
    void aKilledAndRestartedServerIsSurvivedWithReconnect() throws Exception {
        Path file = data.resolve("7.bs2");
        String want = lastLine(CliTest.run("run", "--model", model, "--input", file.toString()).out());
        int port = freePort();
        DvStreamServer first = new DvStreamServer(file, InetAddress.getLoopbackAddress(), port, 0.2, false, 1000,
                Aedat4Writer.Compression.LZ4, true);
        CompletableFuture<Boolean> firstServed = CompletableFuture.supplyAsync(() -> {
            try {
                return first.serveOne();
            } catch (IOException e) {
                return false;
            }
        });
        CompletableFuture<CliTest.Run> live = CompletableFuture.supplyAsync(() -> CliTest.run("run", "--model", model,
                "--connect", "127.0.0.1:" + port, "--reconnect", "--connections", "2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.packetsSent() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(first.packetsSent() >= 20, "the first server never got going");
        first.close(); // killed in the middle of the recording (it lasts 1.5 s at 0.2x)
        assertEquals(false, firstServed.get(10, TimeUnit.SECONDS));
        CliTest.Run served = serve(file, port, "5").get(60, TimeUnit.SECONDS);
        assertEquals(0, served.code(), served.err());
        CliTest.Run r = live.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("connected to 127.0.0.1:" + port)).count(), r.out());
        assertTrue(r.out().contains("connections  2 (0 closed on malformed input)"), r.out());
        assertEquals(want, lastLine(r.out()), r.out());
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the second garbage server's failure shows in the run's output
    void aServerSendingGarbageGetsAClearErrorAndTheClientGoesOn() throws Exception {
        Path file = data.resolve("12.bs2");
        String want = lastLine(CliTest.run("run", "--model", model, "--input", file.toString()).out());
        int port = freePort();
        ServerSocket garbage = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try (garbage; Socket s = garbage.accept(); OutputStream o = s.getOutputStream()) {
                byte[] junk = new byte[4096];
                new Random(3).nextBytes(junk);
                junk[3] = 0x7F;
                o.write(junk);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<CliTest.Run> live = CompletableFuture.supplyAsync(() -> CliTest.run("run", "--model", model,
                "--connect", "127.0.0.1:" + port, "--reconnect", "--connections", "2"));
        sent.get(60, TimeUnit.SECONDS);
        CliTest.Run served = serve(file, port, "10").get(60, TimeUnit.SECONDS);
        assertEquals(0, served.code(), served.err());
        CliTest.Run r = live.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("malformed stream, connection closed: 127.0.0.1:" + port + ": byte 0: IOHeader "
                + "size"), r.out());
        assertTrue(r.out().contains("connections  2 (1 closed on malformed input)"), r.out());
        assertEquals(want, lastLine(r.out()), r.out());
        // without --reconnect the run ends after the bad stream, with no class
        int port2 = freePort();
        ServerSocket garbage2 = new ServerSocket(port2, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (garbage2; Socket s = garbage2.accept(); OutputStream o = s.getOutputStream()) {
                o.write(new byte[] {8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CliTest.Run one = CliTest.run("run", "--model", model, "--connect", "127.0.0.1:" + port2);
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("byte 0: IOHeader size 8 must be in 12.."), one.out());
        assertEquals("final class: none", lastLine(one.out()));
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the server ends by being closed: its IOException is expected
    void aLoopingServerGivesEachPassItsOwnStreamAndClass() throws Exception {
        Path file = data.resolve("5.bs2");
        CliTest.Run offline = CliTest.run("run", "--model", model, "--input", file.toString());
        String want = lastLine(offline.out()).substring("final class: ".length());
        int events = Integer.parseInt(offline.out().lines().filter(l -> l.startsWith("input ")).findFirst()
                .orElseThrow().replaceAll(".*, (\\d+) events.*", "$1"));
        int port = freePort();
        DvStreamServer server = new DvStreamServer(file, InetAddress.getLoopbackAddress(), port, 10, true, 1000,
                Aedat4Writer.Compression.NONE, true);
        CompletableFuture.runAsync(() -> {
            try {
                server.serveOne();
            } catch (IOException e) {
                // closed below
            }
        });
        CompletableFuture<CliTest.Run> live = CompletableFuture.supplyAsync(() -> CliTest.run("run", "--model", model,
                "--connect", "127.0.0.1:" + port, "--reconnect", "--connections", "1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.eventsSent() < 2L * events + 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.close();
        CliTest.Run r = live.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        List<String> passes = r.out().lines().filter(l -> l.startsWith("time went back ")).toList();
        assertTrue(passes.size() >= 2, r.out());
        for (String pass : passes) {
            assertTrue(pass.endsWith("a new stream; class " + want), pass + " but the file gives " + want);
        }
    }

    @Test
    void badConnectSettingsAreUsageErrors() {
        CliTest.Run r = CliTest.run("run", "--model", model, "--connect", "localhost");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--connect must be HOST:PORT"), r.err());
        r = CliTest.run("run", "--model", model);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give exactly one of --input FILE and --connect HOST:PORT"), r.err());
        r = CliTest.run("run", "--model", model, "--connect", "127.0.0.1:1", "--overflow", "spill");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("overflow policy must be drop-newest, drop-oldest or block"), r.err());
    }
}
