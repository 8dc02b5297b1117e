package fr.caf38.cdap.messaging.tracing;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.Siret;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventTracesTest {
    private static final String PARTNER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARTNER_TRACEPARENT = "00-" + PARTNER_TRACE + "-00f067aa0ba902b7-01";

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final io.opentelemetry.api.trace.Tracer otel = sdk.getTracer("test");
    private final OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
    });
    private final EventTraces traces = new EventTraces(tracer, new OtelPropagator(sdk.getPropagators(), otel));

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void aRecordsSpanContinuesTheTraceItCameWith() {
        Span span = traces.startChild(PARTNER_TRACEPARENT, "access-requests.submitted process");

        assertThat(span.context().traceId()).isEqualTo(PARTNER_TRACE);
        assertThat(span.context().parentId()).isEqualTo("00f067aa0ba902b7");
        span.end();
    }

    @Test
    void anEventStoredWhileABatchIsHandledCarriesTheSpanOfItsRequestsRecord() {
        UUID request = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (EventTraces.Batch ignored = traces.startBatch("process", List.of(
                new EventTraces.Traced(request, PARTNER_TRACEPARENT), new EventTraces.Traced(other, null)))) {
            assertThat(traceId(traces.traceparentFor(event(request)))).isEqualTo(PARTNER_TRACE);
            assertThat(traceId(traces.traceparentFor(event(other)))).isNotEqualTo(PARTNER_TRACE).hasSize(32);
        }
        assertThat(traces.traceparentFor(event(request))).as("forgotten after the batch").isNull();
    }

    @Test
    void anEventRegisteredByItsIdTakesThatSpanRatherThanItsRequests() {
        PartnerNotified email = event(UUID.randomUUID());
        Span sending = traces.startChild(PARTNER_TRACEPARENT, "email ACKNOWLEDGEMENT");
        try (var ignored = traces.register(Map.of(email.eventId(), sending))) {
            assertThat(traces.traceparentFor(email)).contains(sending.context().spanId()).contains(PARTNER_TRACE);
        }
        sending.end();
    }

    @Test
    void aLogLineAboutARequestCarriesItsTraceId() {
        UUID request = UUID.randomUUID();
        try (EventTraces.Batch ignored = traces.startBatch("process", List.of(
                new EventTraces.Traced(request, PARTNER_TRACEPARENT)))) {
            try (var scope = traces.inScopeOf(request)) {
                assertThat(tracer.currentSpan().context().traceId()).isEqualTo(PARTNER_TRACE);
            }
            try (var scope = traces.inScopeOf(UUID.randomUUID())) {
                assertThat(tracer.currentSpan()).as("no span for an unknown request").isNull();
            }
        }
    }

    @Test
    void withoutATracerNothingIsTraced() {
        assertThat(EventTraces.NONE.traceparentFor(event(UUID.randomUUID()))).isNull();
        assertThat(MDC.get("traceId")).isNull();
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static PartnerNotified event(UUID requestId) {
        return PartnerNotified.of(requestId, "CDAP-38-2026-00001", DepartmentCode.of("38"), NotificationKind.ACKNOWLEDGEMENT,
                "a@b.fr", Instant.now(), Siret.parse("73282932000074"));
    }
}
