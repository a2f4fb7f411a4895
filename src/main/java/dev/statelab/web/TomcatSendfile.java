package dev.statelab.web;

/**
 * The request attributes of Tomcat's sendfile on the NIO connector: the container says whether it can,
 * the application names the file and range, and Tomcat moves the bytes without the output stream.
 */
public final class TomcatSendfile {

    public static final String SUPPORT = "org.apache.tomcat.sendfile.support";
    public static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    public static final String START = "org.apache.tomcat.sendfile.start";
    public static final String END = "org.apache.tomcat.sendfile.end";

    private TomcatSendfile() {
    }
}
