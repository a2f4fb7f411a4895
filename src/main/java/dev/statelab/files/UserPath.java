package dev.statelab.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path inside a user's home, as a list of checked name segments; the root of the home is the empty
 * list. It can only be built from text that passed every check, so holding one means it is safe to
 * resolve against the home.
 *
 * <p>{@link #parse} is strict (the stateless API: a {@code ..} segment is refused outright);
 * {@link #navigate} resolves {@code ..} against a current directory and stops at the root, as a chrooted
 * FTP server does. Both refuse the forms that file servers have been broken by: encoded or double-encoded
 * separators and dots, overlong UTF-8, backslashes, NUL and control characters, drive letters and
 * UNC prefixes, and names reserved for the store's own temporary files.
 */
public record UserPath(List<String> segments) {

    public static final UserPath ROOT = new UserPath(List.of());

    public static final int MAX_PATH_LENGTH = 4096;
    public static final int MAX_SEGMENT_LENGTH = 255;

    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9a-fA-F]{2}");
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[a-zA-Z]:.*");

    public UserPath {
        segments = List.copyOf(segments);
    }

    /** Parses a path relative to the home root; {@code ..} is refused, {@code .} and empty segments are dropped. */
    public static UserPath parse(String raw) {
        return ROOT.resolve(raw, false);
    }

    /** Resolves {@code raw} against this directory; absolute paths start from the home root; {@code ..} stops at the root. */
    public UserPath navigate(String raw) {
        return resolve(raw, true);
    }

    private UserPath resolve(String raw, boolean dotDotAllowed) {
        checkWhole(raw);
        List<String> result = new ArrayList<>(raw.startsWith("/") ? List.of() : segments);
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!dotDotAllowed) {
                    throw new InvalidPathException("a '..' segment is not allowed");
                }
                if (!result.isEmpty()) {
                    result.remove(result.size() - 1);
                }
                continue;
            }
            checkSegment(segment);
            result.add(segment);
        }
        return new UserPath(result);
    }

    private static void checkWhole(String raw) {
        if (raw.length() > MAX_PATH_LENGTH) {
            throw new InvalidPathException("the path is longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (raw.indexOf('\\') >= 0) {
            throw new InvalidPathException("backslashes are not allowed in a path");
        }
        if (DRIVE_LETTER.matcher(raw).matches()) {
            throw new InvalidPathException("drive letters are not allowed in a path");
        }
    }

    private static void checkSegment(String segment) {
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            throw new InvalidPathException("a name is longer than " + MAX_SEGMENT_LENGTH + " characters");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new InvalidPathException("control characters are not allowed in a name");
            }
            if (c == '\uFFFD') {
                throw new InvalidPathException("the name is not valid UTF-8");
            }
            if (c == ':') {
                throw new InvalidPathException("':' is not allowed in a name");
            }
        }
        // The container has decoded the URL once; what still looks like an escape was encoded twice,
        // the classic way to smuggle '../' or '%00' past a filter that decodes once.
        if (PERCENT_ESCAPE.matcher(segment).find()) {
            throw new InvalidPathException("percent-encoded characters are not allowed in a name");
        }
        if (segment.endsWith(".") && segment.chars().allMatch(ch -> ch == '.')) {
            throw new InvalidPathException("a name made only of dots is not allowed");
        }
        if (segment.startsWith(TemporaryFiles.PREFIX)) {
            throw new InvalidPathException("this name is reserved");
        }
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public String name() {
        return isRoot() ? "" : segments.get(segments.size() - 1);
    }

    public UserPath parent() {
        return isRoot() ? this : new UserPath(segments.subList(0, segments.size() - 1));
    }

    public UserPath child(String name) {
        return ROOT.resolve(toString() + "/" + name, false);
    }

    public boolean isInside(UserPath other) {
        return segments.size() > other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /** The path as the user sees it: {@code /} for the root, {@code /a/b} below it. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
