package fr.caf38.cdap.messaging.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a launcher (the local stack, the end-to-end tests) starts this service as a child process, it
 * passes its pid as {@code cdap.parent-pid}: the service shuts down when the launcher is gone, even
 * if the launcher was killed, so no process is left behind.
 */
public final class ParentProcessWatch {
    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

    public ParentProcessWatch(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentProcessWatch::exit),
                ParentProcessWatch::exit);
    }

    private static void exit() {
        log.info("The launching process is gone: shutting down");
        new Thread(() -> System.exit(0), "parent-gone-exit").start();
    }
}
