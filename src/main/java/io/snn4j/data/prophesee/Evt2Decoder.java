package io.snn4j.data.prophesee;

import io.snn4j.data.EventBatch;
import io.snn4j.data.MalformedDataException;

/**
 * Decodes Prophesee EVT 2.0: 32-bit little-endian words, the type in bits 31..28, as Prophesee's format documentation
 * describes.
 *
 * <pre>
 * 0x0 CD_OFF, 0x1 CD_ON | 27..22 time bits 5..0 | 21..11 x | 10..0 y     a CD event, polarity = type
 * 0x8 EVT_TIME_HIGH     | 27..0 time bits 33..6                            a value below the last one by (almost)
 *                                                                         the whole range is a wrap-around (2^34 us)
 * 0xA EXT_TRIGGER       | 27..22 time bits 5..0 | 12..8 channel id | 0 value
 * 0xD IMU, 0xE OTHERS, 0xF CONTINUED                                      skipped and counted
 * other types                                                             reserved: malformed
 * time (us) = wraps &lt;&lt; 34 | time high &lt;&lt; 6 | time low
 * </pre>
 * Words before the first EVT_TIME_HIGH are dropped (their time is unknown), as in Prophesee's OpenEB decoder.
 */
final class Evt2Decoder extends WordDecoder {
    static final int CD_OFF = 0x0;
    static final int CD_ON = 0x1;
    static final int TIME_HIGH = 0x8;
    static final int EXT_TRIGGER = 0xA;
    static final int IMU = 0xD;
    static final int OTHERS = 0xE;
    static final int CONTINUED = 0xF;
    /** Largest time-high value, in microseconds. */
    static final long MAX_TIME_HIGH_US = ((1L << 28) - 1) << 6;
    /** A drop of at least {@code MAX_TIME_HIGH_US - LOOP_THRESHOLD_US} is a wrap-around (OpenEB's rule). */
    static final long LOOP_THRESHOLD_US = 10_000;

    private long baseUs = -1;
    private long wrapUs;

    Evt2Decoder(String source, boolean lenient, int width, int height) {
        super(source, lenient, width, height);
    }

    @Override
    int wordBytes() {
        return 4;
    }

    @Override
    int decode(byte[] b, int from, int to, long offset, EventBatch out) throws MalformedDataException {
        final int w = checkWidth;
        final int h = checkHeight;
        int p = from;
        while (p < to && out.remaining() >= ROOM && out.triggerRemaining() > 0) {
            final int word = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
            final int type = word >>> 28;
            if (baseUs < 0 && type != TIME_HIGH) {
                beforeTimeBase++;
                p += 4;
                continue;
            }
            switch (type) {
                case CD_OFF:
                case CD_ON: {
                    int x = (word >>> 11) & 0x7FF;
                    int y = word & 0x7FF;
                    if (x < w && y < h) {
                        out.add(baseUs + ((word >>> 22) & 0x3F), x, y, type);
                    } else {
                        outside(x, y, offset + (p - from));
                    }
                    break;
                }
                case TIME_HIGH: {
                    long high = ((long) (word & 0x0FFFFFFF) << 6) + wrapUs;
                    if (baseUs >= 0 && high < baseUs && baseUs - high >= MAX_TIME_HIGH_US - LOOP_THRESHOLD_US) {
                        wrapUs += 1L << 34;
                        high += 1L << 34;
                    }
                    baseUs = high;
                    break;
                }
                case EXT_TRIGGER:
                    out.addTrigger(baseUs + ((word >>> 22) & 0x3F), (word >>> 8) & 0x1F, word & 1);
                    break;
                case IMU:
                case OTHERS:
                case CONTINUED:
                    skipped++;
                    break;
                default:
                    reserved(type, word, offset + (p - from), "EVT 2.0");
                    break;
            }
            p += 4;
        }
        return p;
    }
}
