package dev.statelab.http;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpRange;

/**
 * The part of a file a GET asks for, from its {@code Range} header (parsed by Spring's {@link HttpRange}).
 * Only a single range is served as 206; several ranges, or a header that does not parse, are ignored and
 * the whole file is sent, as RFC 9110 allows.
 *
 * @param end exclusive
 */
record ByteRange(long start, long end) {

    /** The sentinel for a range that lies wholly outside the file (416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return end - start;
    }

    /** Null when the whole file is to be sent. */
    static @Nullable ByteRange of(@Nullable String header, long size) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (ranges.size() != 1) {
            return null;
        }
        try {
            HttpRange range = ranges.get(0);
            long start = range.getRangeStart(size);
            long end = range.getRangeEnd(size) + 1;
            return start >= size || end <= start ? UNSATISFIABLE : new ByteRange(start, end);
        } catch (IllegalArgumentException e) {
            return UNSATISFIABLE;
        }
    }
}
