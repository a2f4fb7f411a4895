package dev.statelab.http;

/** What a POST on a file or folder does; each is one request, the stateless counterpart of FTP's MKD and RNFR/RNTO. */
public enum FileAction {
    /** Create the folder named by the path. */
    mkdir,
    /** Move or rename the file or folder to {@code to}. */
    move,
    /** Copy the file or folder to {@code to}. */
    copy
}
