package io.snn4j.data.nmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void listFileGivesPathsAndLabelsInLineOrder() throws IOException {
        Files.write(tmp.resolve("7.bs2"), new byte[0]);
        Files.write(tmp.resolve("3.bin"), new byte[0]);
        Path list = Files.writeString(tmp.resolve("list.txt"), "#sample #class\r\n7\t5\r\n3\t0\r\n\r\n",
                StandardCharsets.US_ASCII);
        List<NmnistSample> samples = NmnistLayout.fromListFile(list);
        assertEquals(2, samples.size());
        assertEquals("7.bs2", samples.get(0).file().getFileName().toString());
        assertEquals(5, samples.get(0).label());
        assertEquals("3.bin", samples.get(1).file().getFileName().toString());
        assertEquals(0, samples.get(1).label());
    }

    @Test
    void listFileErrorsNameFileAndLineOffset() throws IOException {
        Files.write(tmp.resolve("1.bs2"), new byte[0]);
        // header is 16 bytes ("#sample #class\r\n"), line "1\t5\r\n" 5 bytes, so line 3 starts at byte 21
        Path badLabel = Files.writeString(tmp.resolve("bad-label.txt"), "#sample #class\r\n1\t5\r\n1\t12\r\n");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> NmnistLayout.fromListFile(badLabel));
        NmnistReaderTest.assertMessage(e, "bad-label.txt", "byte 23", "0..9", "12");

        Path noTab = Files.writeString(tmp.resolve("no-tab.txt"), "#h\n1 5\n");
        e = assertThrows(MalformedDataException.class, () -> NmnistLayout.fromListFile(noTab));
        NmnistReaderTest.assertMessage(e, "no-tab.txt", "byte 3", "<id>");

        Path missing = Files.writeString(tmp.resolve("missing.txt"), "#h\n2\t4\n");
        e = assertThrows(MalformedDataException.class, () -> NmnistLayout.fromListFile(missing));
        NmnistReaderTest.assertMessage(e, "missing.txt", "byte 3", "2.bs2", "2.bin");
    }

    @Test
    void folderLayoutListsDigitsThenFileNames() throws IOException {
        Path root = tmp.resolve("N-MNIST");
        for (String rel : new String[] {"Train/0/00002.bin", "Train/0/00001.bin", "Train/9/00003.bin",
                "Test/4/00004.bin", "Train/9/readme.txt"}) {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[0]);
        }
        List<NmnistSample> train = NmnistLayout.fromFolders(root, NmnistLayout.Split.TRAIN);
        assertEquals(3, train.size());
        assertEquals("00001.bin", train.get(0).file().getFileName().toString());
        assertEquals(0, train.get(0).label());
        assertEquals("00002.bin", train.get(1).file().getFileName().toString());
        assertEquals(9, train.get(2).label());
        List<NmnistSample> test = NmnistLayout.fromFolders(root, NmnistLayout.Split.TEST);
        assertEquals(1, test.size());
        assertEquals(4, test.get(0).label());
        assertThrows(IOException.class, () -> NmnistLayout.fromFolders(tmp.resolve("nowhere"),
                NmnistLayout.Split.TRAIN));
    }

    @Test
    @Tag("slow")
    void allThousandRealSamplesDecodeWithReadmeStatistics() throws IOException {
        Path dir = SharedDatasets.require("nmnist-small");
        List<NmnistSample> samples = NmnistLayout.fromListFile(dir.resolve("train1K.txt"));
        assertEquals(1000, samples.size());
        int[] classCounts = new int[10];
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        int maxX = 0;
        int maxY = 0;
        NmnistReader reader = new NmnistReader();
        for (NmnistSample sample : samples) {
            classCounts[sample.label()]++;
            EventStream s = reader.read(sample.file()).events();
            assertEquals(Files.size(sample.file()) / 5, s.size(), sample.file().toString());
            total += s.size();
            min = Math.min(min, s.size());
            max = Math.max(max, s.size());
            for (int i = 0; i < s.size(); i++) {
                maxX = Math.max(maxX, s.x(i));
                maxY = Math.max(maxY, s.y(i));
            }
        }
        // nmnist-small/README.md: class counts 97 116 99 93 105 92 94 117 87 100; events/sample 1112 / 4133 / 7152.
        // Total: the .bs2 files hold 20,666,155 bytes (measured; the README's "22,594,135 bytes" line disagrees with
        // its own mean and with the data sets index's 20.6 MB) = 4,133,231 records of 5 bytes, no overflow markers.
        assertArrayEquals(new int[] {97, 116, 99, 93, 105, 92, 94, 117, 87, 100}, classCounts);
        assertEquals(1112, min);
        assertEquals(7152, max);
        assertEquals(4133, Math.round(total / 1000.0));
        assertEquals(20_666_155L / 5, total);
        assertEquals(33, maxX);
        assertEquals(33, maxY);
    }
}
