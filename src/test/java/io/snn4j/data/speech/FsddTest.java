package io.snn4j.data.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddTest {
    @TempDir
    Path dir;

    private void wav(String name) throws IOException {
        AudioFixtures.write(dir.resolve("recordings").resolve(name),
                AudioFixtures.wav(AudioFixtures.tone(80, 8000, 440), 8000));
    }

    @Test
    void officialSplitOfTheRealFolder() throws IOException {
        Path fsdd = SharedDatasets.require("fsdd");
        Listing all = Fsdd.list(fsdd);
        assertEquals(2500, all.size());
        assertEquals(List.of("george", "jackson", "lucas", "nicolas", "yweweler"),
                all.speakers().stream().sorted().toList());
        Fsdd.Split split = Fsdd.official(all);
        assertEquals(2250, split.train().size());
        assertEquals(250, split.test().size());
        int[] perDigit = new int[10];
        for (Utterance u : split.test().utterances()) {
            assertTrue(u.token() < 5, u.toString());
            perDigit[u.label()]++;
            assertEquals(u.label(), u.file().getFileName().toString().charAt(0) - '0');
        }
        for (int d = 0; d < 10; d++) {
            assertEquals(25, perDigit[d], "digit " + d); // 5 speakers x indices 0..4
        }
        // the order is index, speaker, digit: the first 10 training recordings are george's digits 0..9, index 5
        for (int i = 0; i < 10; i++) {
            Utterance u = split.train().utterances().get(i);
            assertEquals(i + "_george_5.wav", u.file().getFileName().toString());
        }
    }

    @Test
    void leaveOneSpeakerOutOfTheRealFolder() throws IOException {
        Listing all = Fsdd.list(SharedDatasets.require("fsdd"));
        for (String speaker : all.speakers()) {
            Fsdd.Split split = Fsdd.holdOut(all, speaker);
            assertEquals(500, split.test().size(), speaker);
            assertEquals(2000, split.train().size(), speaker);
            assertEquals(List.of(speaker), split.test().speakers());
            assertTrue(!split.train().speakers().contains(speaker));
        }
    }

    @Test
    void listsATinyTreeWithLabelsSpeakersAndIndices() throws IOException {
        wav("0_ann_0.wav");
        wav("0_ann_7.wav");
        wav("9_bob_4.wav");
        wav("3_bob_12.wav");
        Listing all = Fsdd.list(dir);
        assertEquals(4, all.size());
        // ordered by index, speaker, digit: 0_ann_0, 9_bob_4, 0_ann_7, 3_bob_12
        assertEquals(List.of(0, 9, 0, 3), java.util.Arrays.stream(all.labels()).boxed().toList());
        assertEquals(7, all.utterances().get(2).token());
        assertEquals("bob", all.utterances().get(3).speaker());
        assertEquals(12, all.utterances().get(3).token());
        Fsdd.Split official = Fsdd.official(all);
        assertEquals(List.of("0_ann_0.wav", "9_bob_4.wav"), official.test().utterances().stream()
                .map(u -> u.file().getFileName().toString()).toList());
        assertEquals(2, official.train().size());
        Fsdd.Split bob = Fsdd.holdOut(all, "bob");
        assertEquals(2, bob.test().size());
        assertEquals(List.of("ann"), bob.train().speakers());
        // the recordings folder itself works too
        assertEquals(4, Fsdd.list(dir.resolve("recordings")).size());
    }

    @Test
    void unknownSpeakerNamesTheSpeakers() throws IOException {
        wav("0_ann_0.wav");
        wav("1_bob_0.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fsdd.holdOut(Fsdd.list(dir), "carl"));
        assertEquals("fsdd: no recordings by speaker 'carl'; the speakers are ann, bob", e.getMessage());
    }

    @Test
    void badNamesMissingFolderAndEmptyFolderAreErrors() throws IOException {
        CorpusLayoutException e = assertThrows(CorpusLayoutException.class, () -> Fsdd.list(dir.resolve("x")));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
        Files.createDirectories(dir.resolve("recordings"));
        e = assertThrows(CorpusLayoutException.class, () -> Fsdd.list(dir));
        assertTrue(e.getMessage().contains("no recordings found"), e.getMessage());
        wav("0_ann_0.wav");
        wav("zero_ann_1.wav");
        e = assertThrows(CorpusLayoutException.class, () -> Fsdd.list(dir));
        assertTrue(e.getMessage().contains("1 file does not follow the naming"), e.getMessage());
        assertTrue(e.getMessage().contains("zero_ann_1.wav: name does not match"), e.getMessage());
        Listing skipping = Fsdd.list(dir, true);
        assertEquals(1, skipping.size());
        assertEquals(1, skipping.skipped().size());
    }
}
