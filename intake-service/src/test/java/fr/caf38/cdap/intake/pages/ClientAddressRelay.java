package fr.caf38.cdap.intake.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP relay in front of the test server that connects from a loopback address of its own
 * ({@code 127.x.y.z}, all of {@code 127.0.0.0/8} being this machine's), so a browser test's posts count
 * against a rate-limit allowance of their own instead of 127.0.0.1's, which every browser test class shares
 * in the one test context (the limit counts per client address, 5 an hour in the tests). A browser cannot
 * choose the address it connects from; the relay does it for it. Bytes are copied as they come, both ways.
 */
final class ClientAddressRelay implements AutoCloseable {
    private static final InetAddress LOCALHOST = address(127, 0, 0, 1);

    private final ServerSocket listener;
    private final InetAddress clientAddress;
    private final int targetPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "client-address-relay");
        thread.setDaemon(true);
        return thread;
    });

    private ClientAddressRelay(int targetPort, InetAddress clientAddress) throws IOException {
        this.targetPort = targetPort;
        this.clientAddress = clientAddress;
        this.listener = new ServerSocket(0, 50, LOCALHOST);
        pumps.execute(this::accept);
    }

    /** A relay to {@code 127.0.0.1:targetPort}, from a random loopback address other than 127.0.0.1. */
    static ClientAddressRelay to(int targetPort) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return new ClientAddressRelay(targetPort,
                    address(127, random.nextInt(1, 255), random.nextInt(256), random.nextInt(1, 255)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port to open in the browser, on 127.0.0.1. */
    int port() {
        return listener.getLocalPort();
    }

    /** The address the server sees the browser's requests come from. */
    String clientAddress() {
        return clientAddress.getHostAddress();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket browser;
            try {
                browser = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Socket server = new Socket();
            try {
                server.bind(new InetSocketAddress(clientAddress, 0));
                server.connect(new InetSocketAddress(LOCALHOST, targetPort));
            } catch (IOException refused) {
                // this one connection could not be made: the browser sees it fail
                closeQuietly(server);
                closeQuietly(browser);
                continue;
            }
            pumps.execute(() -> copy(browser, server));
            pumps.execute(() -> copy(server, browser));
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pumps.shutdownNow();
    }
}
