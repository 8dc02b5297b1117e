package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.input.StrictJsonReader;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRequestBodyConverterTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AccessRequestBodyConverter converter = new AccessRequestBodyConverter(new StrictJsonReader(),
            new IntakeMetrics(meters), new IntakeProperties(List.of("38"), "38", ZoneId.of("Europe/Paris"),
            DataSize.ofKilobytes(64), new IntakeProperties.Idempotency(Duration.ofHours(24), Duration.ofMinutes(10)),
            new IntakeProperties.RateLimit(true, 30, Duration.ofMinutes(1))));

    @Test
    void itReadsOnlySubmissionBodiesAndOnlyJson() {
        assertThat(converter.canRead(AccessRequestBody.class, MediaType.APPLICATION_JSON)).isTrue();
        assertThat(converter.canRead(AccessRequestBody.class, MediaType.TEXT_PLAIN)).isFalse();
        assertThat(converter.canRead(String.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(converter.canWrite(AccessRequestBody.class, MediaType.APPLICATION_JSON)).isFalse();
    }

    @Test
    void aBodyWithoutLengthIsCutAt64KibWithoutReadingTheRest() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return ' ';
            }
        };
        MockHttpInputMessage message = new MockHttpInputMessage(endless);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        assertThatThrownBy(() -> converter.read(AccessRequestBody.class, message))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.kind()).isEqualTo(CommonProblem.PAYLOAD_TOO_LARGE));
        assertThat(read.get()).isLessThanOrEqualTo(64 * 1024 + 1);
        assertThat(meters.counter("intake.requests.rejected", "code", "PAYLOAD_TOO_LARGE").count()).isEqualTo(1);
    }

    @Test
    void aDeclaredLengthOver64KibIsRefusedBeforeReading() {
        MockHttpInputMessage message = new MockHttpInputMessage(new ByteArrayInputStream(new byte[0]));
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        message.getHeaders().setContentLength(64 * 1024 + 1);

        assertThatThrownBy(() -> converter.read(AccessRequestBody.class, message)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void exactly64KibIsAccepted() throws Exception {
        byte[] body = ("{\"otherNeed\": \"" + "x".repeat(64 * 1024 - 17) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(64 * 1024);
        MockHttpInputMessage message = new MockHttpInputMessage(body);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        AccessRequestBody read = converter.read(AccessRequestBody.class, message);
        assertThat(read.errors()).isEmpty();
        assertThat(read.form().otherNeed()).hasSize(64 * 1024 - 17);
    }

    @Test
    void theReadersProblemsAreWordedInIntakesCodes() throws Exception {
        MockHttpInputMessage message = new MockHttpInputMessage(
                "{\"profile\": 1, \"extra\": true}".getBytes(StandardCharsets.UTF_8));
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        AccessRequestBody read = converter.read(AccessRequestBody.class, message);

        assertThat(read.errors()).containsExactlyInAnyOrder(
                new InputError("profile", ErrorCode.WRONG_TYPE,
                        "Type de valeur incorrect : ce champ attend une chaîne de caractères."),
                new InputError("extra", ErrorCode.UNKNOWN_FIELD,
                        "Champ inconnu : il ne fait pas partie du formulaire de demande."));
        assertThat(read.wronglyTypedFields()).containsExactly("profile");
    }

    @Test
    void aSyntaxErrorSaysWhereInTheSameWordsAsBefore() throws Exception {
        MockHttpInputMessage message = new MockHttpInputMessage("{\n  \"profile\": \"T1\",,\n}".getBytes(StandardCharsets.UTF_8));
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        assertThat(converter.read(AccessRequestBody.class, message).errors()).containsExactly(
                new InputError(null, ErrorCode.MALFORMED_JSON,
                        "Le corps de la demande n'est pas un document JSON valide (ligne 2, colonne 19)."));
    }

    @Test
    void overlongUtf8IsMalformedJsonNotALessThanSign() throws Exception {
        byte[] body = "{\"otherNeed\": \"a__b\"}".getBytes(StandardCharsets.UTF_8);
        body[16] = (byte) 0xC0;
        body[17] = (byte) 0xBC;
        MockHttpInputMessage message = new MockHttpInputMessage(body);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        AccessRequestBody read = converter.read(AccessRequestBody.class, message);

        assertThat(read.form()).isNull();
        assertThat(read.errors()).extracting(InputError::code).containsExactly(ErrorCode.MALFORMED_JSON);
    }
}
