package io.snn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.aedat.Aedat31Reader;
import io.snn4j.data.aedat.Aedat4Reader;
import io.snn4j.data.audio.SphereReader;
import io.snn4j.data.audio.WavReader;
import io.snn4j.data.csv.CsvEventSource;
import io.snn4j.data.mnist.IdxReader;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.prophesee.RawEventSource;
import io.snn4j.export.Checkpoints;
import io.snn4j.model.ModelFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz targets (Jazzer) for every file reader and parser: each takes the fuzzer's bytes as the
 * whole file. The only accepted failure is the reader's documented format exception (an {@link IOException}
 * subclass such as MalformedDataException or InvalidModelException) whose message names the file; anything else
 * (a RuntimeException, an OutOfMemoryError under the fuzz run's small heap, a hang, or a message without the file
 * name) is a finding.
 *
 * <p>A normal test run replays the kept inputs in {@code
 * src/test/resources/io/snn4j/fuzz/ReaderFuzzTestInputs/<method>/} (the seeds from real samples and every crash found);
 * {@code src/test/fuzz/run-fuzz.sh} fuzzes each target in turn.
 */
class ReaderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("snn4j-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Read {
        void run(Path file) throws IOException;
    }

    /**
     * Writes {@code data} as file {@code name}, runs {@code read} on it and accepts only an IOException whose message
     * names the file; any other throwable propagates to the fuzzer.
     */
    static void check(String name, byte[] data, Read read) throws IOException {
        Path file = DIR.resolve(name);
        Files.write(file, data);
        try {
            read.run(file);
        } catch (IOException e) {
            String m = e.getMessage();
            if (m == null || !m.contains(name)) {
                throw new AssertionError("format exception whose message does not name the file " + name + ": "
                        + e, e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Reads every event batch of {@code s} (constant memory) and closes it. */
    static void drain(EventSource s) throws IOException {
        try (s) {
            EventBatch batch = new EventBatch(256, 16);
            while (s.read(batch)) {
                batch.clear();
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void nmnist(byte[] data) throws IOException {
        check("sample.bs2", data, f -> new NmnistReader(false).read(f));
        check("sample.bin", data, f -> drain(EventSources.open(f, true)));
    }

    @FuzzTest(maxDuration = "10m")
    void aedat31(byte[] data) throws IOException {
        check("rec.aedat", data, f -> new Aedat31Reader(false).read(f));
        check("rec.aedat", data, f -> {
            try (var in = Files.newInputStream(f)) {
                drain(new Aedat31Reader(true).open(in, f.toString(), Files.size(f)));
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void aedat4(byte[] data) throws IOException {
        check("rec.aedat4", data, f -> new Aedat4Reader(false).read(f));
        check("rec.aedat4", data, f -> {
            try (var in = Files.newInputStream(f)) {
                drain(new Aedat4Reader(true).open(in, f.toString(), Files.size(f)));
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void evt(byte[] data) throws IOException {
        check("rec.raw", data, f -> drain(new RawEventSource(new ByteArrayInputStream(data), f.toString(), false)));
        check("rec.raw", data,
                f -> EventSources.readAll(new RawEventSource(new ByteArrayInputStream(data), f.toString(),
                true), f.toString()));
    }

    @FuzzTest(maxDuration = "10m")
    void csv(byte[] data) throws IOException {
        check("events.csv", data, f -> drain(new CsvEventSource(new ByteArrayInputStream(data), f.toString(), false)));
        check("events.csv", data, f -> EventSources.readAll(new CsvEventSource(new ByteArrayInputStream(data),
                f.toString(), true), f.toString()));
    }

    @FuzzTest(maxDuration = "10m")
    void idx(byte[] data) throws IOException {
        check("t10k-images-idx3-ubyte", data, IdxReader::readImages);
        check("t10k-labels-idx1-ubyte", data, IdxReader::readLabels);
    }

    @FuzzTest(maxDuration = "10m")
    void wav(byte[] data) throws IOException {
        check("clip.wav", data, f -> WavReader.read(f, false));
        check("clip.wav", data, f -> WavReader.read(f, true));
    }

    @FuzzTest(maxDuration = "10m")
    void sphere(byte[] data) throws IOException {
        check("clip.sph", data, SphereReader::read);
    }

    @FuzzTest(maxDuration = "10m")
    void modelText(byte[] data) throws IOException {
        check("model.textproto", data, ModelFiles::load);
    }

    @FuzzTest(maxDuration = "10m")
    void modelBinary(byte[] data) throws IOException {
        check("model.pb", data, ModelFiles::load);
    }

    @FuzzTest(maxDuration = "10m")
    void checkpoint(byte[] data) throws IOException {
        check("checkpoint.pb", data, Checkpoints::read);
    }

    /** The DV network framing: a TCP stream of packets, with and without the leading IOHeader. */
    @FuzzTest(maxDuration = "10m")
    void dvNetwork(byte[] data) throws IOException {
        check("dv-stream", data, f -> drain(new Aedat4Reader(false).openNetwork(new ByteArrayInputStream(data),
                f.toString(), true)));
        check("dv-stream", data, f -> drain(new Aedat4Reader(false).openNetwork(new ByteArrayInputStream(data),
                f.toString(), false)));
    }
}
