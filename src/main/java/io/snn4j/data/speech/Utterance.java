package io.snn4j.data.speech;

import java.nio.file.Path;

/**
 * One recording of a spoken-word corpus: where it is and what it says. Immutable.
 *
 * @param file    the audio file
 * @param label   class index, &gt;= 0 (the position of the word in the corpus vocabulary)
 * @param word    the word as the corpus codes it, for example {@code "0A"} (TI46) or {@code "7"} (FSDD)
 * @param speaker speaker code, for example {@code "f3"} (TI46) or {@code "jackson"} (FSDD)
 * @param session recording session: {@code "se"} (TI46 enrolment), {@code "s1"} .. {@code "s8"} (TI46 test
 *                sessions); FSDD has none and uses {@code ""}
 * @param token   repetition number within the session (TI46 {@code t0} .. {@code t9}) or the FSDD file index
 */
public record Utterance(Path file, int label, String word, String speaker, String session, int token) {
    public Utterance {
        if (file == null || word == null || speaker == null || session == null) {
            throw new IllegalArgumentException("utterance: file, word, speaker and session must not be null");
        }
        if (label < 0) {
            throw new IllegalArgumentException("utterance " + file + ": label must be >= 0, was " + label);
        }
        if (token < 0) {
            throw new IllegalArgumentException("utterance " + file + ": token must be >= 0, was " + token);
        }
    }
}
