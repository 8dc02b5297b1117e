package fr.caf38.cdap.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One process of the stack: started from a command line, its output appended to a log file,
 * readiness checked by a probe. It can be stopped (SIGTERM), killed (SIGKILL) and started again;
 * an exit nobody asked for is reported to the listener.
 */
public final class StackProcess {
    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final BooleanSupplier readiness;
    private final Consumer<StackProcess> onUnexpectedExit;
    private volatile Process process;
    private volatile boolean stopping;

    StackProcess(String name, List<String> command, Path logFile, BooleanSupplier readiness,
                 Consumer<StackProcess> onUnexpectedExit) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.readiness = readiness;
        this.onUnexpectedExit = onUnexpectedExit;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Process started = new ProcessBuilder(detached(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            stopping = false;
            process = started;
            started.onExit().thenAccept(exited -> {
                if (!stopping && exited == process) {
                    onUnexpectedExit.accept(this);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Runs the command in a session of its own where {@code setsid} exists, so a Ctrl+C in the terminal
     * reaches only the launcher, which then stops its processes in order (services first).
     */
    private static List<String> detached(List<String> command) {
        if (!java.nio.file.Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return command;
        }
        List<String> detached = new java.util.ArrayList<>(command.size() + 1);
        detached.add("/usr/bin/setsid");
        detached.addAll(command);
        return detached;
    }

    /** Waits until the process answers its readiness probe; fails fast if it died meanwhile. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + exitCode() + " (see " + logFile + ")");
            }
            if (readiness.getAsBoolean()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s (see " + logFile + ")");
    }

    public boolean isReady() {
        return isAlive() && readiness.getAsBoolean();
    }

    /** Asks the process to stop (SIGTERM), then kills it if it lingers. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        stopping = true;
        running.destroy();
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        stopping = true;
        running.destroyForcibly();
        try {
            running.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes one line to the process's standard input (the mail server takes commands that way). */
    public synchronized void send(String line) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            var input = running.getOutputStream();
            input.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + name, e);
        }
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    private int exitCode() {
        Process running = process;
        return running == null || running.isAlive() ? -1 : running.exitValue();
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
