package dev.statelab.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.statelab.files.EntityTags;
import dev.statelab.files.PreconditionFailedException;
import dev.statelab.files.ReadableFile;
import dev.statelab.files.StoredFile;
import dev.statelab.web.TomcatSendfile;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Answers a GET or HEAD of a file: validators and preconditions (304, 412), a single byte range (206,
 * 416, If-Range), then the bytes. Large bodies are handed to the kernel with Tomcat's sendfile, so they
 * never pass through the heap; small ones are written with one call, from the store's cache of small
 * files when that version was read before, which is what makes a 4 KiB GET cheap.
 */
final class FileDownload {

    static final int SENDFILE_THRESHOLD = 64 * 1024;
    private static final int BUFFER_SIZE = 64 * 1024;


    private FileDownload() {
    }

    /**
     * Sends the file, or a 304; a failed precondition or a range outside the file is thrown (412, 416)
     * and answered as a problem by the one handler of the API's errors.
     */
    static void send(ReadableFile file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        StoredFile info = file.info();
        if (!ifMatchHolds(request.getHeader(HttpHeaders.IF_MATCH), info.etag())) {
            throw preconditionFailed(info); // Spring's check below leaves If-Match to unsafe methods
        }
        ServletWebRequest web = new ServletWebRequest(request, response);
        if (web.checkNotModified(info.etag(), info.modified().toEpochMilli())) {
            if (response.getStatus() == HttpServletResponse.SC_PRECONDITION_FAILED) {
                throw preconditionFailed(info);
            }
            return;
        }
        long size = info.size();
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");

        ByteRange range = rangeIfStillValid(request, info);
        if (range == null) {
            range = new ByteRange(0, size);
        } else if (range == ByteRange.UNSATISFIABLE) {
            throw new RangeNotSatisfiableException(size);
        } else {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE,
                    "bytes " + range.start() + "-" + (range.end() - 1) + "/" + size);
        }
        response.setContentType(contentType(info.name()));
        // a stored .html or .svg must never run as a page of this origin
        response.setHeader("Content-Security-Policy", "sandbox");
        response.setContentLengthLong(range.length());
        if ("HEAD".equals(request.getMethod()) || range.length() == 0) {
            return;
        }
        if (range.length() >= SENDFILE_THRESHOLD && Boolean.TRUE.equals(request.getAttribute(TomcatSendfile.SUPPORT))) {
            request.setAttribute(TomcatSendfile.FILENAME, file.location().toAbsolutePath().toString());
            request.setAttribute(TomcatSendfile.START, range.start());
            request.setAttribute(TomcatSendfile.END, range.end());
            return;
        }
        if (range.length() == size && file.isSmall()) {
            byte[] content = file.readWhole();
            response.getOutputStream().write(content, 0, (int) Math.min(content.length, size));
            return;
        }
        copy(file, range, response.getOutputStream());
    }

    private static PreconditionFailedException preconditionFailed(StoredFile info) {
        return new PreconditionFailedException(info.path() + " does not match the precondition; its ETag is " + info.etag());
    }

    private static boolean ifMatchHolds(@Nullable String ifMatch, String etag) {
        return ifMatch == null || EntityTags.listMatches(ifMatch, etag);
    }

    /** The requested range, unless an If-Range names another version of the file (then: the whole file). */
    private static @Nullable ByteRange rangeIfStillValid(HttpServletRequest request, StoredFile info) {
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null) {
            return null;
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRangeMatches(ifRange.trim(), info)) {
            return null;
        }
        return ByteRange.of(range, info.size());
    }

    private static boolean ifRangeMatches(String ifRange, StoredFile info) {
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(info.etag()); // strong comparison: a weak tag never matches
        }
        try {
            Instant date = ZonedDateTime.parse(ifRange, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return date.getEpochSecond() == info.modified().getEpochSecond();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void copy(ReadableFile file, ByteRange range, OutputStream out) throws IOException {
        int bufferSize = (int) Math.min(BUFFER_SIZE, range.length());
        ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
        try (FileChannel channel = file.openChannel(range.start())) {
            long remaining = range.length();
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(bufferSize, remaining));
                int read = channel.read(buffer);
                if (read < 0) {
                    break; // replaced by a shorter file since it was opened: the client sees a short body
                }
                out.write(buffer.array(), 0, read);
                remaining -= read;
            }
        }
    }

    /** By file name extension: the lookup and the formatting of the type cost more than the rest of a small GET. */
    private static final Map<String, String> TYPES_BY_EXTENSION = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_TYPES = 1024;

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String cached = TYPES_BY_EXTENSION.get(extension);
        if (cached != null) {
            return cached;
        }
        String type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
        if (TYPES_BY_EXTENSION.size() < MAX_CACHED_TYPES) { // extensions are chosen by clients: keep it bounded
            TYPES_BY_EXTENSION.put(extension, type);
        }
        return type;
    }
}
