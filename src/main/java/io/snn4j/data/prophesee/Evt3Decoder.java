package io.snn4j.data.prophesee;

import io.snn4j.data.EventBatch;
import io.snn4j.data.MalformedDataException;

/**
 * Decodes Prophesee EVT 3.0: 16-bit little-endian words, the type in bits 15..12, decoded against a state (current
 * y, vector base x and polarity, 24-bit time base) as Prophesee's format documentation describes.
 *
 * <pre>
 * 0x0 EVT_ADDR_Y    | 11 system type | 10..0 y                       sets y
 * 0x2 EVT_ADDR_X    | 11 polarity    | 10..0 x                       one CD event at (x, y)
 * 0x3 VECT_BASE_X   | 11 polarity    | 10..0 x                       sets base x and polarity
 * 0x4 VECT_12       | 11..0 valid mask                               an event at base + i for each set bit i;
 *                                                                  base += 12
 * 0x5 VECT_8        | 7..0 valid mask                                the same for 8 bits; base += 8
 * 0x6 EVT_TIME_LOW  | 11..0 time bits 11..0
 * 0x8 EVT_TIME_HIGH | 11..0 time bits 23..12                         a value below the last one by at least half the
 *                                                                    range (2048) is a wrap-around of the 24-bit time
 * 0xA EXT_TRIGGER   | 11..8 channel id | 0 value                     a trigger at the current time
 * 0x7 CONTINUED_4, 0xD IMU, 0xE OTHERS, 0xF CONTINUED_12             skipped and counted
 * 0x1, 0x9, 0xB, 0xC                                                 reserved: malformed
 * time (us) = wraps &lt;&lt; 24 | high &lt;&lt; 12 | low; a new high value resets low to 0 until the next TIME_LOW
 * </pre>
 * Words before the first EVT_TIME_HIGH are dropped (their time is unknown), as in Prophesee's OpenEB decoder.
 */
final class Evt3Decoder extends WordDecoder {
    static final int ADDR_Y = 0x0;
    static final int ADDR_X = 0x2;
    static final int VECT_BASE_X = 0x3;
    static final int VECT_12 = 0x4;
    static final int VECT_8 = 0x5;
    static final int TIME_LOW = 0x6;
    static final int CONTINUED_4 = 0x7;
    static final int TIME_HIGH = 0x8;
    static final int EXT_TRIGGER = 0xA;
    static final int IMU = 0xD;
    static final int OTHERS = 0xE;
    static final int CONTINUED_12 = 0xF;

    private int y;
    private int baseX;
    private int polarity;
    private long timeHigh = -1;
    private long timeLow;
    private long wraps;

    Evt3Decoder(String source, boolean lenient, int width, int height) {
        super(source, lenient, width, height);
    }

    @Override
    int wordBytes() {
        return 2;
    }

    @Override
    int decode(byte[] b, int from, int to, long offset, EventBatch out) throws MalformedDataException {
        final int w = checkWidth;
        final int h = checkHeight;
        long time = (wraps << 24) | (timeHigh << 12) | timeLow;
        int p = from;
        while (p < to && out.remaining() >= ROOM && out.triggerRemaining() > 0) {
            final int word = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
            final int type = word >>> 12;
            if (timeHigh < 0 && type != TIME_HIGH) {
                beforeTimeBase++;
                p += 2;
                continue;
            }
            switch (type) {
                case ADDR_Y:
                    y = word & 0x7FF;
                    break;
                case ADDR_X: {
                    int x = word & 0x7FF;
                    if (x < w && y < h) {
                        out.add(time, x, y, (word >>> 11) & 1);
                    } else {
                        outside(x, y, offset + (p - from));
                    }
                    break;
                }
                case VECT_BASE_X:
                    baseX = word & 0x7FF;
                    polarity = (word >>> 11) & 1;
                    break;
                case VECT_12:
                case VECT_8: {
                    int mask = type == VECT_12 ? word & 0xFFF : word & 0xFF;
                    while (mask != 0) {
                        int x = baseX + Integer.numberOfTrailingZeros(mask);
                        mask &= mask - 1;
                        if (x < w && y < h) {
                            out.add(time, x, y, polarity);
                        } else {
                            outside(x, y, offset + (p - from));
                        }
                    }
                    baseX += type == VECT_12 ? 12 : 8;
                    break;
                }
                case TIME_LOW:
                    timeLow = word & 0xFFF;
                    time = (wraps << 24) | (timeHigh << 12) | timeLow;
                    break;
                case TIME_HIGH: {
                    long high = word & 0xFFF;
                    if (timeHigh >= 0 && timeHigh >= high + 2048) {
                        wraps++;
                    }
                    if (high != timeHigh) {
                        timeLow = 0;
                    }
                    timeHigh = high;
                    time = (wraps << 24) | (timeHigh << 12) | timeLow;
                    break;
                }
                case EXT_TRIGGER:
                    out.addTrigger(time, (word >>> 8) & 0xF, word & 1);
                    break;
                case CONTINUED_4:
                case IMU:
                case OTHERS:
                case CONTINUED_12:
                    skipped++;
                    break;
                default:
                    reserved(type, word, offset + (p - from), "EVT 3.0");
                    break;
            }
            p += 2;
        }
        return p;
    }
}
