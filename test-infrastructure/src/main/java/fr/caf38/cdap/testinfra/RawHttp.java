package fr.caf38.cdap.testinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One request written byte for byte on a socket, as no HTTP client would send it; the whole answer read back. */
public final class RawHttp {
    private RawHttp() {
    }

    public static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, read);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** {@code GET path} with a header {@code X-Probe} whose value holds a NUL byte. */
    public static String getWithNulInHeader(int port, String path) throws IOException {
        byte[] head = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nX-Probe: a").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "b\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, request, 0, head.length);
        request[head.length] = 0;
        System.arraycopy(tail, 0, request, head.length + 1, tail.length);
        return exchange(port, request);
    }
}
