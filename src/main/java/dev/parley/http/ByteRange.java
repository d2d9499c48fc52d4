package dev.parley.http;

import java.util.Optional;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14.1.2), resolved against the file
 * length. Only a single range is honoured: a multi-range request is answered with the whole
 * file, which RFC 9110 permits.
 *
 * @param first offset of the first byte sent
 * @param last offset of the last byte sent (inclusive)
 */
record ByteRange(long first, long last) {
    /** The outcome of reading a {@code Range} header. */
    sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** No usable range: send the whole file with 200. */
    record Whole() implements Outcome {
    }

    record Partial(ByteRange range) implements Outcome {
    }

    /** A syntactically valid range that selects no byte of the file: 416. */
    record Unsatisfiable() implements Outcome {
    }

    long length() {
        return last - first + 1;
    }

    static Outcome parse(Optional<String> header, long fileLength) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String start = spec.substring(0, dash).trim();
            String end = spec.substring(dash + 1).trim();
            if (start.isEmpty()) {
                // Suffix range: the last N bytes.
                long suffix = Long.parseLong(end);
                if (suffix <= 0 || fileLength == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, fileLength - suffix), fileLength - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? fileLength - 1 : Math.min(Long.parseLong(end), fileLength - 1);
            if (first < 0 || (!end.isEmpty() && Long.parseLong(end) < first)) {
                return new Whole(); // invalid syntax: ignore the header
            }
            if (first >= fileLength) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
