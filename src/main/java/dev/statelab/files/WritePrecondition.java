package dev.statelab.files;

import org.jspecify.annotations.Nullable;

/**
 * What must hold for a write to go ahead, checked atomically with the replacement itself so that two
 * writers holding the same ETag cannot both win.
 *
 * @param ifMatch      the ETags one of which the current file must have ({@code "*"}: it must exist); null: any
 * @param ifNoneMatch  true: the file must not exist yet (create only)
 */
public record WritePrecondition(@Nullable String ifMatch, boolean ifNoneMatch) {

    public static final WritePrecondition NONE = new WritePrecondition(null, false);
    public static final WritePrecondition CREATE_ONLY = new WritePrecondition(null, true);

    public static WritePrecondition ifMatch(String etags) {
        return new WritePrecondition(etags, false);
    }

    void check(UserPath path, @Nullable StoredFile current) {
        if (ifNoneMatch && current != null) {
            throw new PreconditionFailedException(path + " already exists");
        }
        if (ifMatch == null) {
            return;
        }
        if (current == null || current.isDirectory()) {
            throw new PreconditionFailedException(path + " does not exist, so it cannot match " + ifMatch);
        }
        if (!EntityTags.listMatches(ifMatch, current.etag())) {
            throw new PreconditionFailedException(path + " has changed: its ETag is now " + current.etag());
        }
    }
}
