package dev.statelab.files;

/**
 * The one reading of an {@code If-Match}-style list of entity tags (RFC 9110 13.1.1): {@code *}, or tags
 * separated by commas, compared strongly with a file's ETag. Used for reads and writes alike.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** True when {@code list} is {@code *} or names {@code etag}. */
    public static boolean listMatches(String list, String etag) {
        if (isAny(list)) {
            return true;
        }
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            if (list.substring(start, end).trim().equals(etag)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** True when {@code list} is {@code *}: any current version matches. */
    public static boolean isAny(String list) {
        return list.trim().equals("*");
    }
}
