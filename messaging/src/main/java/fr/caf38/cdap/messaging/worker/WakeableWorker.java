package fr.caf38.cdap.messaging.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One background thread that runs a task on a fixed schedule and as soon as it is woken (wake-ups
 * asked while one is queued are merged), off the request and consumer threads. A failed run is
 * logged and the next one tries again. Used by the outbox relay and the email sender.
 */
public final class WakeableWorker {
    private static final Logger log = LoggerFactory.getLogger(WakeableWorker.class);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public WakeableWorker(String name, Duration interval, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.task = task;
    }

    /** Asks for a run as soon as possible; ignored while the worker is stopped. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeRequested.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeRequested.set(false);
                    runSafely();
                });
            } catch (RejectedExecutionException stopping) {
                wakeRequested.set(false);
            }
        }
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops scheduling, lets a running task finish (up to {@code grace}), and can be started again. */
    public synchronized void stop(Duration grace) {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return executor != null;
    }

    private void runSafely() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} run failed, will retry: {}", name, e.toString());
        }
    }
}
