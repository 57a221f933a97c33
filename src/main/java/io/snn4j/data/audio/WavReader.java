package io.snn4j.data.audio;

import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files into mono {@link Audio}. Stateless and thread-safe.
 *
 * <p>Layout (all integers little-endian). The chunks after {@code WAVE} are walked one by one; unknown chunks
 * ({@code LIST}, {@code fact}, {@code cue }, ...) are skipped, and a chunk of odd size is followed by one pad byte.
 * <pre>
 * 0  "RIFF"   4 uint32 riffSize (not trusted: many writers get it wrong)   8 "WAVE"
 * 12 chunk:  +0 id (4 ASCII)  +4 uint32 size  +8 body (size bytes)  [+ 1 pad byte if size is odd]
 * fmt  body: +0 uint16 formatCode  +2 uint16 channels  +4 uint32 sampleRate  +8 uint32 byteRate
 *            +12 uint16 blockAlign  +14 uint16 bitsPerSample
 *            formatCode 0xFFFE only: +16 uint16 cbSize (&gt;= 22)  +18 uint16 validBits  +20 uint32 channelMask
 *            +24 GUID sub-format (first two bytes = 1 PCM or 3 float, then 00 00 00 00 10 00 80 00 00 AA 00 38 9B 71)
 * data body: frames of blockAlign bytes, channels interleaved
 * </pre>
 * Supported: format 1 (PCM) with 8-bit unsigned or 16/24/32-bit signed samples, format 3 (IEEE float) with 32 or 64
 * bits, and 0xFFFE (WAVE_FORMAT_EXTENSIBLE) with a PCM or float sub-format. Channels are mixed down by averaging.
 * Integer samples {@code s} of {@code b} bits become {@code s / 2^(b-1)} (8-bit: {@code (u - 128) / 128}); float
 * samples are clipped to [-1, 1] and a NaN is an error.
 *
 * <p>A file whose {@code data} chunk is empty yields an {@link Audio} with zero samples (it is a well-formed file);
 * callers that need sound check {@link Audio#sampleCount()}.
 *
 * <p>In strict mode (the default) every inconsistency is a {@link MalformedDataException} naming the file, the byte
 * offset and the problem. In lenient mode a {@code data} chunk (or a chunk before it) whose length runs past the end of
 * the file is read as far as the file goes, a trailing partial frame is dropped, and each repair is logged as a
 * warning.
 */
public final class WavReader {
    private static final System.Logger LOG = System.getLogger(WavReader.class.getName());
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs as stored in the file. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /** Reads {@code path} in strict mode. */
    public static Audio read(Path path) throws IOException {
        return read(path, false);
    }

    /**
     * Reads {@code path}.
     *
     * @param lenient read what is there when a chunk length runs past the end of the file, instead of failing
     */
    public static Audio read(Path path, boolean lenient) throws IOException {
        String name = String.valueOf(path.getFileName());
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new MalformedDataException(name, 0, "file of " + size
                    + " bytes is larger than the 2 GiB this reader supports");
        }
        return parse(name, Files.readAllBytes(path), lenient);
    }

    /** Parses a whole WAV file held in {@code bytes} (read); {@code name} is used in messages. */
    static Audio parse(String name, byte[] bytes, boolean lenient) throws MalformedDataException {
        int len = bytes.length;
        if (len < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
            String found = len >= 12 ? "'" + text(bytes, 0) + "' ... '" + text(bytes, 8) + "'" : len + " bytes only";
            throw new MalformedDataException(name, 0,
                    "not a RIFF/WAVE file: expected 'RIFF' at byte 0 and 'WAVE' at byte 8, found " + found);
        }
        int fmtOffset = -1;
        int fmtSize = 0;
        int dataOffset = -1;
        long dataSize = 0;
        int pos = 12;
        while (len - pos >= 8) {
            String id = text(bytes, pos);
            long chunkSize = u32(bytes, pos + 4);
            int body = pos + 8;
            long available = (long) len - body;
            if (chunkSize > available) {
                String problem = "chunk '" + id + "' declares " + chunkSize + " bytes but only " + available
                        + " bytes remain in the file";
                if (!lenient) {
                    throw new MalformedDataException(name, pos + 4, problem);
                }
                LOG.log(System.Logger.Level.WARNING,
                        name + ": byte " + (pos + 4) + ": " + problem + "; reading what is there");
                chunkSize = available;
            }
            if (id.equals("fmt ")) {
                fmtOffset = body;
                fmtSize = (int) chunkSize;
            } else if (id.equals("data") && dataOffset < 0) {
                dataOffset = body;
                dataSize = chunkSize;
            }
            long next = body + chunkSize + (chunkSize & 1);
            if (next > len) {
                break;
            }
            pos = (int) next;
        }
        if (fmtOffset < 0) {
            throw new MalformedDataException(name, pos, "no 'fmt ' chunk found in the file");
        }
        if (dataOffset < 0) {
            throw new MalformedDataException(name, pos, "no 'data' chunk found in the file");
        }
        return decode(name, bytes, fmtOffset, fmtSize, dataOffset, (int) dataSize, lenient);
    }

    private static Audio decode(String name, byte[] b, int fmt, int fmtSize, int data, int dataSize, boolean lenient)
            throws MalformedDataException {
        if (fmtSize < 16) {
            throw new MalformedDataException(name, fmt - 4, "'fmt ' chunk must be >= 16 bytes, was " + fmtSize);
        }
        int formatCode = u16(b, fmt);
        int channels = u16(b, fmt + 2);
        long sampleRate = u32(b, fmt + 4);
        int blockAlign = u16(b, fmt + 12);
        int bits = u16(b, fmt + 14);
        boolean isFloat;
        String format;
        if (formatCode == FORMAT_PCM || formatCode == FORMAT_FLOAT) {
            isFloat = formatCode == FORMAT_FLOAT;
            format = isFloat ? "wav float" : "wav pcm";
        } else if (formatCode == FORMAT_EXTENSIBLE) {
            if (fmtSize < 40 || u16(b, fmt + 16) < 22) {
                int cbSize = fmtSize >= 18 ? u16(b, fmt + 16) : 0;
                throw new MalformedDataException(name, fmt - 4,
                        "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk must be >= 40 bytes"
                        + " with cbSize >= 22, was " + fmtSize + " bytes, cbSize " + cbSize);
            }
            int validBits = u16(b, fmt + 18);
            if (validBits > bits) {
                throw new MalformedDataException(name, fmt + 18, "valid bits per sample " + validBits
                        + " exceed the container size of " + bits + " bits");
            }
            int sub = u16(b, fmt + 24);
            boolean knownGuid = true;
            for (int i = 0; i < GUID_TAIL.length; i++) {
                knownGuid &= b[fmt + 26 + i] == GUID_TAIL[i];
            }
            if (!knownGuid || (sub != FORMAT_PCM && sub != FORMAT_FLOAT)) {
                throw new MalformedDataException(name, fmt + 24, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID "
                        + guid(b, fmt + 24) + "; supported: PCM (0x0001) and IEEE float (0x0003)");
            }
            isFloat = sub == FORMAT_FLOAT;
            format = isFloat ? "wav extensible float" : "wav extensible pcm";
        } else {
            throw new MalformedDataException(name, fmt, "unsupported WAV format code 0x"
                    + Integer.toHexString(formatCode) + " (" + formatCode
                    + "); supported: 1 (PCM), 3 (IEEE float), 0xFFFE (extensible)");
        }
        if (channels < 1) {
            throw new MalformedDataException(name, fmt + 2, "channel count must be >= 1, was " + channels);
        }
        if (sampleRate < 1) {
            throw new MalformedDataException(name, fmt + 4, "sample rate must be >= 1 Hz, was " + sampleRate);
        }
        boolean bitsOk = isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!bitsOk) {
            throw new MalformedDataException(name, fmt + 14, "unsupported bits per sample " + bits + " for "
                    + (isFloat ? "IEEE float (32 or 64)" : "PCM (8, 16, 24 or 32)"));
        }
        int bytesPerSample = bits / 8;
        if (blockAlign != channels * bytesPerSample) {
            throw new MalformedDataException(name, fmt + 12, "block align " + blockAlign + " is inconsistent with "
                    + channels + " channels x " + bits + " bits (expected " + channels * bytesPerSample + ")");
        }
        int frames = dataSize / blockAlign;
        int rest = dataSize % blockAlign;
        if (rest != 0) {
            String problem = "data chunk of " + dataSize + " bytes is not a whole number of " + blockAlign
                    + "-byte frames (" + rest + " bytes left over)";
            if (!lenient) {
                throw new MalformedDataException(name, data - 4, problem);
            }
            LOG.log(System.Logger.Level.WARNING, name + ": byte " + (data - 4) + ": " + problem + "; dropped");
        }
        float[] out = new float[frames];
        double scale = 1.0 / channels;
        int p = data;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++, p += bytesPerSample) {
                double s;
                if (isFloat) {
                    s = bits == 32 ? Float.intBitsToFloat((int) u32(b, p)) : Double.longBitsToDouble(u64(b, p));
                    if (Double.isNaN(s)) {
                        throw new MalformedDataException(name, p, "float sample is NaN");
                    }
                    s = Math.max(-1.0, Math.min(1.0, s));
                } else {
                    switch (bits) {
                        case 8 -> s = ((b[p] & 0xFF) - 128) / 128.0;
                        case 16 -> s = (short) u16(b, p) / 32768.0;
                        case 24 -> s = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16) / 8388608.0;
                        default -> s = (int) u32(b, p) / 2147483648.0;
                    }
                }
                sum += s;
            }
            out[f] = (float) (sum * scale);
        }
        return new Audio(out, sampleRate, channels, bits, format);
    }

    static boolean ascii(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = b[off + i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    private static String guid(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%02x", b[off + i] & 0xFF));
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24);
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }
}
