package dev.statelab.compare;

import java.util.List;

/**
 * One thing the user wants done, and how each side did it: the stateless side may need no request at all
 * where the FTP-style side needs one (or two), and the other way round.
 *
 * @param title       what the user wants ("Download b.txt")
 * @param explanation the point of the step, in plain words
 * @param http        requests of the stateless side
 * @param ftp         requests of the FTP-style side
 * @param server      something that happened to the server itself (an admin action), outside both clients
 * @param httpHeld    what the server holds for the stateless clients afterwards (always nothing)
 * @param ftpHeld     what the server holds for the FTP-style clients afterwards
 */
public record Step(String title, String explanation, List<Exchange> http, List<Exchange> ftp,
                   List<Exchange> server, List<Held> httpHeld, List<Held> ftpHeld) {
}
