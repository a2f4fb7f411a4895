package dev.statelab.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 spoken by hand over a socket, for what a well-behaved client cannot do: stop in the middle of
 * a body, or keep sending while the server has already answered. The response is read on its own
 * thread from the start, so it is captured even if the server closes the connection mid-body.
 */
final class RawHttp {

    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private RawHttp() {
    }

    /** Sends the head and whatever the writer writes (a write failure ends the sending), then returns all the server sent. */
    static String exchange(int port, String head, BodyWriter body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                body.write(out);
                out.flush();
            } catch (IOException serverStoppedReading) {
                // expected when the server refuses a body and closes the connection
            }
            return response.get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends the head and {@code sent} bytes of a body announced as longer, then closes the connection. */
    static void cutOff(int port, String head, int sent) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[sent]);
            out.flush();
        }
    }

    private static String readAll(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
                if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the response arrived: keep what was read
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** A response with a Content-Length whose body has fully arrived. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return text.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }
}
