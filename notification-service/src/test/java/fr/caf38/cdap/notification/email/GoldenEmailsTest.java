package fr.caf38.cdap.notification.email;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every email of {@link GoldenEmails} renders as its golden files say: subject and text exactly, HTML
 * equal once runs of whitespace are made one and whitespace between two tags is dropped (the markup
 * of a mail is read by clients that ignore it).
 * <p>
 * When a wording change is meant, rewrite the files with {@code -Demails.golden.write=true} and review
 * their diff: the files are the reviewed wording of every email.
 */
class GoldenEmailsTest {
    /** Read from the sources (the module's directory is the tests' working directory), so a rewrite is seen at once. */
    private static final Path DIRECTORY = Path.of("src/test/resources/emails/golden");
    private static final boolean WRITE = Boolean.getBoolean("emails.golden.write");

    private final EmailRenderer renderer = new EmailRenderer();

    @TestFactory
    Stream<DynamicTest> everyEmailRendersAsItsGoldenFiles() {
        return GoldenEmails.cases().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            RenderedEmail email = entry.getValue().apply(renderer);
            if (WRITE) {
                write(entry.getKey(), email);
            }
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(email.subject()).as("subject").isEqualTo(read(entry.getKey() + ".subject.txt"));
                softly.assertThat(email.text()).as("text").isEqualTo(read(entry.getKey() + ".text.txt"));
                softly.assertThat(normalised(email.html())).as("html")
                        .isEqualTo(normalised(read(entry.getKey() + ".html")));
            });
        }));
    }

    static String normalised(String html) {
        return html.replaceAll("\\s+", " ").replaceAll("> <", "><").strip();
    }

    private static String read(String name) {
        Path file = DIRECTORY.resolve(name);
        assertThat(file).as("golden file").exists();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, RenderedEmail email) throws IOException {
        Files.createDirectories(DIRECTORY);
        for (var file : Map.of(".subject.txt", email.subject(), ".text.txt", email.text(), ".html", email.html())
                .entrySet()) {
            Files.writeString(DIRECTORY.resolve(name + file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
