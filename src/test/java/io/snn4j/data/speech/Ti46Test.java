package io.snn4j.data.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Audio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ti46Test {
    @TempDir
    Path root;

    /** Writes a 12.5 kHz SPHERE file of {@code n} samples at root/relative. */
    private Path sph(String relative, int n) throws IOException {
        return AudioFixtures.write(root.resolve(relative), AudioFixtures.sphere(AudioFixtures.tone(n, 12500, 500),
                12500));
    }

    private void smallAlphaTree() throws IOException {
        sph("ti_alpha/train/f1/0Af1set0.wav", 100);
        sph("ti_alpha/train/f1/0Zf1set9.wav", 101);
        sph("ti_alpha/train/m2/0Bm2set3.wav", 102);
        sph("ti_alpha/test/f1/0Af1s1t0.wav", 103);
        sph("ti_alpha/test/f1/0Cf1s8t1.wav", 104);
        sph("ti_alpha/test/m8/0Ym8s4t1.wav", 105);
        sph("ti_alpha/test/m8/0Dm8s2t0.wav", 106);
    }

    @Test
    void listsAlphaTrainingFilesWithLabelSpeakerSessionAndToken() throws IOException {
        smallAlphaTree();
        Listing train = Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN);
        assertEquals(3, train.size());
        // ordered by session, token, speaker, word: 0Af1set0, 0Bm2set3, 0Zf1set9
        List<Utterance> u = train.utterances();
        assertEquals(0, u.get(0).label()); // A
        assertEquals(1, u.get(1).label()); // B
        assertEquals(25, u.get(2).label()); // Z
        assertEquals("f1", u.get(0).speaker());
        assertEquals("m2", u.get(1).speaker());
        assertEquals("se", u.get(2).session());
        assertEquals(9, u.get(2).token());
        assertEquals("0Z", u.get(2).word());
        assertEquals(List.of("f1", "m2"), train.speakers());
        assertEquals(List.of(), train.skipped());
    }

    @Test
    void listsAlphaTestSessions() throws IOException {
        smallAlphaTree();
        Listing test = Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TEST);
        assertEquals(4, test.size());
        int[] labels = test.labels();
        // by session: 0Af1s1t0 (A), 0Dm8s2t0 (D), 0Ym8s4t1 (Y), 0Cf1s8t1 (C)
        assertEquals(List.of(0, 3, 24, 2), java.util.Arrays.stream(labels).boxed().toList());
        assertEquals("s8", test.utterances().get(3).session());
        assertEquals(1, test.utterances().get(3).token());
    }

    @Test
    void theListedFilesReadAsSphereAudio() throws IOException {
        smallAlphaTree();
        Utterance u = Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN).utterances().get(1); // 0Bm2set3
        Audio a = SpeechAudio.read(u.file());
        assertEquals(102, a.sampleCount());
        assertEquals(12500, a.sampleRate());
        assertEquals("sphere pcm", a.sourceFormat());
    }

    @Test
    void mapsTi20WordsToLabelsZeroToNineteen() throws IOException {
        sph("ti20/train/f3/00f3set0.wav", 10);
        sph("ti20/train/f3/09f3set1.wav", 10);
        sph("ti20/train/f3/ENf3set2.wav", 10);
        sph("ti20/train/f3/YSf3set3.wav", 10);
        sph("ti20/train/f3/RBf3set4.wav", 10);
        Listing l = Ti46.list(root, Ti46.Vocabulary.TI20, Ti46.Split.TRAIN);
        // by token: 00 (t0), 09 (t1), EN (t2), YS (t3), RB (t4)
        assertEquals(List.of(0, 9, 10, 19, 15), java.util.Arrays.stream(l.labels()).boxed().toList());
        assertEquals("RUBOUT", Ti46.Vocabulary.TI20.word(15));
        assertEquals(20, Ti46.Vocabulary.TI20.classCount());
        assertEquals(26, Ti46.Vocabulary.ALPHA.classCount());
    }

    @Test
    void acceptsUpperCaseIso9660NamesAndSphExtension() throws IOException {
        sph("TI_ALPHA/TRAIN/F4/0QF4SET2.WAV", 10);
        sph("TI_ALPHA/TRAIN/F4/0RF4SET3.SPH", 10);
        Listing l = Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN);
        assertEquals(2, l.size());
        assertEquals(16, l.utterances().get(0).label()); // Q
        assertEquals("f4", l.utterances().get(0).speaker());
        assertEquals(17, l.utterances().get(1).label()); // R
    }

    @Test
    void rootMayBeTheVocabularyFolder() throws IOException {
        smallAlphaTree();
        assertEquals(3, Ti46.list(root.resolve("ti_alpha"), Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN).size());
    }

    @Test
    void missingFoldersAreNamed() throws IOException {
        CorpusLayoutException e = assertThrows(CorpusLayoutException.class,
                () -> Ti46.list(root.resolve("nowhere"), Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("does not exist"), e.getMessage());
        Files.createDirectories(root.resolve("ti20/train"));
        e = assertThrows(CorpusLayoutException.class,
                () -> Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN));
        assertTrue(e.getMessage().contains("no ti_alpha folder"), e.getMessage());
        e = assertThrows(CorpusLayoutException.class, () -> Ti46.list(root, Ti46.Vocabulary.TI20, Ti46.Split.TEST));
        assertTrue(e.getMessage().contains("no test folder"), e.getMessage());
        e = assertThrows(CorpusLayoutException.class, () -> Ti46.list(root, Ti46.Vocabulary.TI20, Ti46.Split.TRAIN));
        assertTrue(e.getMessage().contains("no recordings found"), e.getMessage());
    }

    @Test
    void unknownFileNamesAreReportedNotDropped() throws IOException {
        smallAlphaTree();
        Files.writeString(root.resolve("ti_alpha/train/f1/notes.txt"), "x");
        sph("ti_alpha/train/f1/0Af1set.wav", 10); // no token
        CorpusLayoutException e = assertThrows(CorpusLayoutException.class,
                () -> Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN));
        assertTrue(e.getMessage().contains("2 files do not follow the naming"), e.getMessage());
        assertTrue(e.getMessage().contains("notes.txt: name does not match"), e.getMessage());
        assertTrue(e.getMessage().contains("0Af1set.wav"), e.getMessage());
        Listing skipping = Ti46.list(root, Ti46.Vocabulary.ALPHA, Ti46.Split.TRAIN, true);
        assertEquals(3, skipping.size());
        assertEquals(2, skipping.skipped().size());
    }

    @Test
    void rejectsFilesInTheWrongPlace() throws IOException {
        sph("ti20/train/f1/0Af1set0.wav", 10); // a letter in TI-20
        sph("ti20/train/f1/01f2set0.wav", 10); // speaker f2 in folder f1
        sph("ti20/train/f1/02f1s3t0.wav", 10); // test session in train
        sph("ti20/train/x9/03x9set0.wav", 10); // not a speaker folder
        sph("ti20/train/f1/04f1set0.wav", 10); // the one good file
        Listing l = Ti46.list(root, Ti46.Vocabulary.TI20, Ti46.Split.TRAIN, true);
        assertEquals(1, l.size());
        String all = String.join("\n", l.skipped());
        assertTrue(all.contains("0Af1set0.wav: word code 0A is not in the ti20 vocabulary"), all);
        assertTrue(all.contains("01f2set0.wav: speaker f2 in the name, but in folder f1"), all);
        assertTrue(all.contains("02f1s3t0.wav: test session s3 in the train folder"), all);
        assertTrue(all.contains("x9: not a TI46 speaker folder"), all);
        sph("ti20/test/m1/05m1set0.wav", 10);
        CorpusLayoutException e = assertThrows(CorpusLayoutException.class,
                () -> Ti46.list(root, Ti46.Vocabulary.TI20, Ti46.Split.TEST));
        assertTrue(e.getMessage().contains("enrolment session se in the test folder"), e.getMessage());
    }
}
