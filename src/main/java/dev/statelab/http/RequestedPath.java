package dev.statelab.http;

import dev.statelab.files.UserPath;
import org.springframework.web.util.UriUtils;

/**
 * The path a request names below {@code /api/http/files/}, already decoded once by Spring MVC, checked by
 * {@link UserPath#parse}. A trailing {@code /} says the client means a folder.
 */
record RequestedPath(UserPath path, boolean folder) {

    static RequestedPath of(String raw) {
        return new RequestedPath(UserPath.parse(raw), raw.isEmpty() || raw.endsWith("/"));
    }

    /** The URL of a file or folder of the API, each name percent-encoded; folders end with '/'. */
    static String url(UserPath path, boolean folder) {
        StringBuilder url = new StringBuilder("/api/http/files");
        for (String segment : path.segments()) {
            url.append('/').append(UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (folder) {
            url.append('/');
        }
        return url.toString();
    }

    static String folderName(UserPath path) {
        return path.isRoot() ? "/" : path + "/";
    }
}
