package dev.statelab.files;

import java.text.Normalizer;
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

    // %XX, and IIS's %uXXXX
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%([0-9a-fA-F]{2}|[uU][0-9a-fA-F]{4})");
    private static final Pattern RESERVED_NAME = Pattern.compile(
            "(?i)CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|(COM|LPT)[0-9\u00B9\u00B2\u00B3]");
    // division slash, fraction slash, big solidus, set minus, reverse solidus operator, big reverse solidus
    private static final String SLASH_LOOKALIKES = "\u2215\u2044\u29F8\u2216\u29F5\u29F9";
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[a-zA-Z]:.*");

    /** Checks every segment, so a path built directly from a list is as safe as a parsed one. */
    public UserPath {
        segments = List.copyOf(segments);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0) {
                throw new InvalidPathException("'" + segment + "' is not a single name");
            }
            checkSegment(segment);
        }
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
        UserPath path = new UserPath(result);
        if (utf8Length(path.toString()) > MAX_PATH_LENGTH) {
            throw new InvalidPathException("the path is longer than " + MAX_PATH_LENGTH + " bytes");
        }
        return path;
    }

    private static void checkWhole(String raw) {
        if (raw.length() > MAX_PATH_LENGTH) {
            throw new InvalidPathException("the path is longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (raw.indexOf('\\') >= 0) {
            throw new InvalidPathException("backslashes are not allowed in a path");
        }
        if (raw.length() >= 2 && raw.charAt(1) == ':' && DRIVE_LETTER.matcher(raw).matches()) {
            throw new InvalidPathException("drive letters are not allowed in a path");
        }
    }

    private static void checkSegment(String segment) {
        // Linux counts NAME_MAX in bytes: 255 characters of CJK text are 765 bytes and would fail on disk.
        if (utf8Length(segment) > MAX_SEGMENT_LENGTH) {
            throw new InvalidPathException("a name is longer than " + MAX_SEGMENT_LENGTH + " bytes");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new InvalidPathException("control characters are not allowed in a name");
            }
            if (c == '\uFFFD') {
                throw new InvalidPathException("the name is not valid UTF-8");
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(segment, i)) {
                throw new InvalidPathException("the name is not valid Unicode");
            }
            if (SLASH_LOOKALIKES.indexOf(c) >= 0) {
                throw new InvalidPathException("characters that look like a slash are not allowed in a name");
            }
        }
        // The container has decoded the URL once; what still looks like an escape was encoded twice,
        // the classic way to smuggle '../' or '%00' past a filter that decodes once.
        if (segment.indexOf('%') >= 0 && PERCENT_ESCAPE.matcher(segment).find()) {
            throw new InvalidPathException("percent-encoded characters are not allowed in a name");
        }
        if (segment.startsWith(TemporaryFiles.PREFIX)) {
            throw new InvalidPathException("this name is reserved");
        }
        checkShape(segment);
        // Clients and tools that apply compatibility normalisation (or Windows "best fit" code pages)
        // turn fullwidth dots and solidi into '.', '/' and '\': refuse what would become a separator.
        if (!isAscii(segment)) {
            String compatible = Normalizer.normalize(segment, Normalizer.Form.NFKC);
            if (compatible.indexOf('/') >= 0 || compatible.indexOf('\\') >= 0) {
                throw new InvalidPathException("characters that become a slash are not allowed in a name");
            }
            checkShape(compatible);
        }
    }

    /** Names that alias another name or a device on Windows and NTFS, refused everywhere so the store behaves alike on every host. */
    private static void checkShape(String segment) {
        if (segment.indexOf(':') >= 0) {
            throw new InvalidPathException("':' is not allowed in a name");
        }
        // A servlet container reads ';' in a URL path as the start of path parameters and drops what
        // follows, so such a name could be created (as a copy target, over FTP) but never reached over HTTP.
        if (segment.indexOf(';') >= 0) {
            throw new InvalidPathException("';' is not allowed in a name");
        }
        if (onlyDots(segment)) {
            throw new InvalidPathException("a name made only of dots is not allowed");
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
            throw new InvalidPathException("a name may not end with a dot or a space");
        }
        int dot = segment.indexOf('.');
        String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing();
        if (mayBeReserved(base) && RESERVED_NAME.matcher(base).matches()) {
            throw new InvalidPathException("'" + base + "' is a reserved device name");
        }
    }

    // checked for every segment of every request: the loop and the length test keep the stream and
    // the expression off that path
    private static boolean onlyDots(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** CON, PRN, AUX, NUL, COM1 and LPT1 (and the like), CONIN$, CONOUT$: no other length can match. */
    private static boolean mayBeReserved(String base) {
        int length = base.length();
        return length == 3 || length == 4 || length == 6 || length == 7;
    }

    private static boolean isPairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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

    /** The entry {@code name} in this folder; {@code name} is one name, so a '/' in it is refused. */
    public UserPath child(String name) {
        if (name.indexOf('/') >= 0 || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidPathException("'" + name + "' is not a single name");
        }
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
