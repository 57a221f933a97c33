package io.snn4j.data.prophesee;

import io.snn4j.data.EventBatch;
import io.snn4j.data.MalformedDataException;

/**
 * A stateful decoder of Prophesee RAW words: {@link #decode} turns the whole words in {@code bytes[from, to)} into
 * events and triggers and returns where it stopped (at {@code to}, or earlier once the batch has less than
 * {@link #ROOM} events or no trigger left). State carries over between calls, so the input may be cut anywhere
 * between words. Not thread-safe.
 */
abstract class WordDecoder {
    /** Events a batch must still hold before another word is decoded (an EVT 3.0 vector emits up to 12). */
    static final int ROOM = 32;
    /** Largest address any EVT 2.0 / 3.0 field can hold plus one (11 bits). */
    static final int ADDRESS_LIMIT = 2048;

    final String source;
    final boolean lenient;
    final int width;
    final int height;
    final int checkWidth;
    final int checkHeight;
    long bad;
    long skipped;
    /**
     * Words before the first time-high word: their time is unknown, so they are dropped (as Prophesee's decoders do).
     */
    long beforeTimeBase;

    WordDecoder(String source, boolean lenient, int width, int height) {
        this.source = source;
        this.lenient = lenient;
        this.width = width;
        this.height = height;
        this.checkWidth = width > 0 ? width : ADDRESS_LIMIT;
        this.checkHeight = height > 0 ? height : ADDRESS_LIMIT;
    }

    /** Bytes per word. */
    abstract int wordBytes();

    /**
     * Decodes whole words of {@code bytes[from, to)} ({@code to - from} a multiple of {@link #wordBytes()}).
     *
     * @param offset byte offset of {@code bytes[from]} in the file, for messages
     * @return the position after the last word decoded
     */
    abstract int decode(byte[] bytes, int from, int to, long offset, EventBatch out) throws MalformedDataException;

    /** An event outside the sensor: counted (lenient) or an exception naming the word's offset. */
    final void outside(int x, int y, long offset) throws MalformedDataException {
        if (!lenient) {
            throw new MalformedDataException(source, offset, "event address (x = " + x + ", y = " + y + ") outside the "
                    + (width > 0 ? width + " x " + height + " sensor" : "11-bit address range"));
        }
        bad++;
    }

    /** A word of a reserved type: counted (lenient) or an exception. */
    final void reserved(int type, int word, long offset, String format) throws MalformedDataException {
        if (!lenient) {
            throw new MalformedDataException(source, offset, format + " word 0x" + Integer.toHexString(word)
                    + " has the reserved type 0x" + Integer.toHexString(type));
        }
        bad++;
    }
}
