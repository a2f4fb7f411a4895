package dev.statelab.ftp.engine;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One row of the verb table: what the engine checks before a command runs, and what FEAT and HELP say.
 *
 * @param name          the verb, upper case
 * @param needsLogin    false for the few commands a client may send before PASS
 * @param needsArgument true when the verb without an argument is a syntax error (501)
 * @param help          the syntax line HELP shows
 * @param faces         where the verb is carried out; a verb with no face is known but not implemented (502)
 * @param feature       the FEAT line it brings (without the leading space), or null
 * @param dataTransfer  true when, on a control connection, the verb moves bytes over a data connection
 */
public record FtpVerb(String name, boolean needsLogin, boolean needsArgument, String help, Set<FtpFace> faces,
                      @Nullable String feature, boolean dataTransfer) {

    public FtpVerb {
        faces = Set.copyOf(faces);
    }

    public boolean implementedOn(FtpFace face) {
        return faces.contains(face);
    }
}
