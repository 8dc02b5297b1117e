package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.input.StrictJsonReader;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.web.IntakeProblem;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the body of {@code POST /api/v1/access-requests}, and only that: at most the configured size
 * ({@code 413} above, without reading further), then strictly ({@link StrictJsonReader}: well-formed UTF-8, no unknown field, no duplicate key, no coercion). The rest of
 * the application keeps Spring's usual JSON handling.
 */
@Component
public class AccessRequestBodyConverter extends AbstractHttpMessageConverter<AccessRequestBody> {
    private final StrictJsonReader reader;
    private final IntakeMetrics metrics;
    private final long maxBytes;

    public AccessRequestBodyConverter(StrictJsonReader reader, IntakeMetrics metrics, IntakeProperties properties) {
        super(MediaType.APPLICATION_JSON);
        this.reader = reader;
        this.metrics = metrics;
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    protected boolean supports(Class<?> type) {
        return AccessRequestBody.class == type;
    }

    @Override
    protected boolean canWrite(MediaType mediaType) {
        return false;
    }

    @Override
    protected AccessRequestBody readInternal(Class<? extends AccessRequestBody> type, HttpInputMessage input)
            throws IOException {
        return read(input.getHeaders().getContentLength(), input.getBody());
    }

    /**
     * Reads a body as for a submission, when the caller decides when (an amendment checks its token first).
     * Null for an empty body, as Spring gives an optional body.
     *
     * @param contentLength the announced length, or -1
     */
    public AccessRequestBody read(long contentLength, InputStream input) throws IOException {
        if (contentLength > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = input) {
            body = in.readNBytes((int) maxBytes + 1);
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return body.length == 0 ? null : AccessRequestBody.of(reader.read(body, AccessRequestForm.class));
    }

    private ApiProblem tooLarge() {
        metrics.rejected(CommonProblem.PAYLOAD_TOO_LARGE.name());
        return new ApiProblem(CommonProblem.PAYLOAD_TOO_LARGE,
                CommonProblem.PAYLOAD_TOO_LARGE.detailFor("limit", (maxBytes / 1024) + " Kio"), null, null);
    }

    @Override
    protected void writeInternal(AccessRequestBody body, HttpOutputMessage output) {
        throw new UnsupportedOperationException("a submission body is only read");
    }
}
