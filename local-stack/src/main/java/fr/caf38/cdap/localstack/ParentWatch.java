package fr.caf38.cdap.localstack;

/** Ends this process when the launcher that started it is gone, so a killed launcher leaves nothing behind. */
final class ParentWatch {
    private ParentWatch() {
    }

    static void exitWhenGone(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid.trim())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
    }
}
