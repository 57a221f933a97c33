package io.snn4j.data.aedat;

import io.snn4j.data.MalformedDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reading of one FlatBuffer held in {@code bytes[0 .. length)}, without the FlatBuffers runtime.
 *
 * <pre>
 * table:   int32 soffset to its vtable (vtable = table - soffset), then the fields
 * vtable:  uint16 vtable bytes, uint16 table bytes, uint16 field offset[i] (0 = absent, use the default)
 * field that is a reference (string, vector, table): uint32 uoffset, target = field + uoffset
 * vector / string: uint32 length, then the elements (a string is UTF-8 plus a 0 terminator)
 * </pre>
 * Every offset is checked against the buffer; a bad one raises a {@link MalformedDataException} naming the file, the
 * byte offset where the buffer starts in the file (or the packet for a decompressed buffer) and the position inside.
 * Not thread-safe (one reader thread).
 */
final class FlatBufferView {
    private final ByteBuffer buf;
    private final int length;
    private final String source;
    private final long fileOffset;
    private final String what;

    /**
     * @param bytes      read; the buffer occupies {@code bytes[0 .. length)}
     * @param source     file name for messages
     * @param fileOffset where the buffer (or its packet) starts in the file, for messages
     * @param what       what the buffer is, for messages (e.g. "IOHeader", "packet payload (decompressed)")
     */
    FlatBufferView(byte[] bytes, int length, String source, long fileOffset, String what) {
        this.buf = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        this.length = length;
        this.source = source;
        this.fileOffset = fileOffset;
        this.what = what;
    }

    int length() {
        return length;
    }

    MalformedDataException error(int pos, String problem) {
        return new MalformedDataException(source, fileOffset, what + ", byte " + pos + " of " + length + ": "
                + problem);
    }

    void require(int pos, long bytes, String item) throws MalformedDataException {
        if (pos < 0 || bytes < 0 || pos + bytes > length) {
            throw error(pos, "bad FlatBuffer offset: " + item + " of " + bytes + " bytes at " + pos
                    + " runs outside the buffer");
        }
    }

    int int32(int pos) throws MalformedDataException {
        require(pos, 4, "int32");
        return buf.getInt(pos);
    }

    long int64(int pos) throws MalformedDataException {
        require(pos, 8, "int64");
        return buf.getLong(pos);
    }

    int uint16(int pos) throws MalformedDataException {
        require(pos, 2, "uint16");
        return buf.getShort(pos) & 0xFFFF;
    }

    /** The 4-byte file identifier that follows the root offset at {@code rootPos}, as ASCII. */
    String identifier(int rootPos) throws MalformedDataException {
        require(rootPos + 4, 4, "file identifier");
        byte[] id = new byte[4];
        buf.get(rootPos + 4, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Follows the uoffset stored at {@code pos}: returns {@code pos + uint32@pos}, checked to lie inside. */
    int deref(int pos) throws MalformedDataException {
        long target = pos + (int32(pos) & 0xFFFFFFFFL);
        if (target >= length) {
            throw error(pos, "bad FlatBuffer offset: reference at " + pos + " points to " + target
                    + ", past the end");
        }
        return (int) target;
    }

    /**
     * The absolute position of field {@code index} of the table at {@code table}, or -1 when the field is absent.
     */
    int field(int table, int index) throws MalformedDataException {
        long vtable = (long) table - int32(table);
        if (vtable < 0 || vtable + 4 > length) {
            throw error(table, "bad FlatBuffer offset: vtable of the table at " + table + " would be at " + vtable);
        }
        int vtableBytes = uint16((int) vtable);
        int tableBytes = uint16((int) vtable + 2);
        if (vtableBytes < 4 || (vtableBytes & 1) != 0) {
            throw error((int) vtable, "bad FlatBuffer vtable: size " + vtableBytes);
        }
        require((int) vtable, vtableBytes, "vtable");
        require(table, tableBytes, "table");
        int slot = 4 + 2 * index;
        if (slot + 2 > vtableBytes) {
            return -1;
        }
        int off = uint16((int) vtable + slot);
        if (off == 0) {
            return -1;
        }
        if (off >= tableBytes) {
            throw error(table, "bad FlatBuffer offset: field " + index + " at " + off + " outside its table of "
                    + tableBytes + " bytes");
        }
        return table + off;
    }

    /** The string referenced from {@code fieldPos} (UTF-8). */
    String string(int fieldPos) throws MalformedDataException {
        int at = deref(fieldPos);
        long n = int32(at) & 0xFFFFFFFFL;
        require(at + 4, n, "string");
        return new String(buf.array(), buf.arrayOffset() + at + 4, (int) n, StandardCharsets.UTF_8);
    }

    /** Start of the elements of the vector referenced from {@code fieldPos}, checking {@code count * elementBytes}. */
    int vectorStart(int fieldPos, int elementBytes, int[] countOut) throws MalformedDataException {
        int at = deref(fieldPos);
        long n = int32(at) & 0xFFFFFFFFL;
        require(at + 4, n * elementBytes, "vector of " + n + " elements of " + elementBytes + " bytes");
        countOut[0] = (int) n;
        return at + 4;
    }

    ByteBuffer buffer() {
        return buf;
    }
}
