package dev.parley.core.json;

import java.util.Arrays;

/** A growable byte array the canonical encoder writes into; unsynchronised, unlike ByteArrayOutputStream. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    void write(int b) {
        if (size == buf.length) {
            grow(1);
        }
        buf[size++] = (byte) b;
    }

    /** Writes an ASCII-only string. */
    void ascii(String s) {
        int n = s.length();
        if (size + n > buf.length) {
            grow(n);
        }
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void grow(int needed) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + needed));
    }
}
