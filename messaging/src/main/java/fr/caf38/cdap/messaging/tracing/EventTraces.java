package fr.caf38.cdap.messaging.tracing;

import fr.caf38.cdap.events.Event;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carries a request's trace across the asynchronous hops, in W3C {@code traceparent} form: an
 * event stores the trace of what caused it (the partner's HTTP call, an agent's review, the record
 * being handled, the email being sent), the relay puts it on the Kafka record, and the consumer of a
 * batch opens one span per record as a child of it.
 *
 * <p>Publication is asynchronous and consumers write a batch at once, so the current span alone
 * cannot say which trace an event belongs to: while a batch is handled, the span of each record is
 * registered under its request id (and any span under an event's own id), and an event takes the
 * span registered for it, else the one of its request, else the current one.
 */
public class EventTraces {
    public static final String HEADER = "traceparent";

    /** Nothing traced: for code paths and tests without a tracer. */
    public static final EventTraces NONE = new EventTraces(Tracer.NOOP, Propagator.NOOP);

    private static final Tracer.SpanInScope NOTHING_IN_SCOPE = () -> {
    };

    private final Tracer tracer;
    private final Propagator propagator;
    private final ThreadLocal<Map<UUID, Span>> registered = ThreadLocal.withInitial(HashMap::new);

    public EventTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} an event about to be stored carries, or null when nothing is traced. */
    public String traceparentFor(Event event) {
        Map<UUID, Span> spans = registered.get();
        Span span = spans.get(event.eventId());
        if (span == null) {
            span = spans.get(event.requestId());
        }
        if (span == null) {
            span = tracer.currentSpan();
        }
        return span == null ? null : traceparent(span.context());
    }

    /** The {@code traceparent} of a span, or null for a no-op span. */
    public String traceparent(TraceContext context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Starts a span named {@code name}, child of {@code traceparent} (a new trace when it is null or
     * unreadable). Not in scope: see {@link #inScope(Span)}.
     */
    public Span startChild(String traceparent, String name) {
        if (traceparent == null) {
            return tracer.nextSpan().name(name).start();
        }
        return propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key)).name(name).start();
    }

    /** Puts a span in scope (log lines carry its trace id) until the returned scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /**
     * Registers spans for the events stored by this thread until {@link Registration#close()}: under
     * a request id (events about that request) or an event id (that event).
     */
    public Registration register(Map<UUID, Span> spans) {
        Map<UUID, Span> current = registered.get();
        current.putAll(spans);
        return () -> spans.keySet().forEach(current::remove);
    }

    /** Puts in scope the span registered for a request, if any: for a log line about that request. */
    public Tracer.SpanInScope inScopeOf(UUID requestId) {
        Span span = registered.get().get(requestId);
        return span == null ? NOTHING_IN_SCOPE : tracer.withSpan(span);
    }

    /** Registered spans, released at close. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Spans of a batch of records, one per record: registered by request id, ended together. */
    public Batch startBatch(String name, List<Traced> records) {
        Map<UUID, Span> spans = new HashMap<>();
        for (Traced record : records) {
            if (record.requestId() != null) {
                spans.put(record.requestId(), startChild(record.traceparent(), name));
            }
        }
        return new Batch(spans, register(spans));
    }

    /** A record's request id and the {@code traceparent} it came with (may be null). */
    public record Traced(UUID requestId, String traceparent) {
    }

    /** The spans of one batch; closing ends them and forgets them. */
    public static final class Batch implements AutoCloseable {
        private final Map<UUID, Span> spans;
        private final Registration registration;

        private Batch(Map<UUID, Span> spans, Registration registration) {
            this.spans = spans;
            this.registration = registration;
        }

        /** Marks every span of the batch as failed (the batch will be delivered again). */
        public void failed(Throwable error) {
            spans.values().forEach(span -> span.error(error));
        }

        @Override
        public void close() {
            registration.close();
            spans.values().forEach(Span::end);
        }
    }
}
