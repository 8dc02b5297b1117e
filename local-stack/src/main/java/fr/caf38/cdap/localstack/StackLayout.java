package fr.caf38.cdap.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout version of a stack's data folder ({@code layout-version} in it), so that a folder made by
 * an older version is brought to the current layout rather than misread:
 * <ol>
 *   <li>1 (no file): documents queried by their fields, topics of 1 partition;</li>
 *   <li>2: every document on a request's path found by key, with the key documents beside them
 *       (idempotency keys, SIRET and review-queue documents, pending entries of unpublished events and
 *       unsent emails), and topics of 3 partitions;</li>
 *   <li>3: the store file in format 2 ({@link fr.caf38.cdap.localstack.store.StoreFormat}: documents as
 *       BSON, index keys ordered by value), which the store converts itself, once, when it opens a file
 *       of the original format.</li>
 * </ol>
 * From 1 to 2 nothing is deleted: each service builds its key documents from what is stored, once, at
 * its start (and marks it done), and the binder adds partitions to the existing topics
 * ({@code auto-add-partitions}). This class records the version and says what happens.
 */
final class StackLayout {
    static final int CURRENT = 3;
    private static final Logger log = LoggerFactory.getLogger(StackLayout.class);

    private StackLayout() {
    }

    static void bringUpToDate(Path dataDir, boolean existing) {
        Path file = dataDir.resolve("layout-version");
        try {
            int found = Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : existing ? 1 : CURRENT;
            if (found > CURRENT) {
                throw new IllegalStateException(dataDir + " was written by a newer version (layout " + found
                        + ", this one knows " + CURRENT + "): run that version, or delete the folder to start afresh");
            }
            if (found < CURRENT) {
                log.info("{} has layout {}: it is brought to layout {} as the processes start{}{} Nothing is deleted.",
                        dataDir, found, CURRENT, found < 2 ? " (key documents built once from the stored requests, "
                                + "decisions and emails; topics grown to 3 partitions)" : "",
                        found < 3 ? "; the store converts its file to format 2 (documents as BSON) once." : ".");
            }
            Files.createDirectories(dataDir);
            Files.writeString(file, Integer.toString(CURRENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " is not a layout version: delete the folder to start afresh", e);
        }
    }
}
