package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.ValidRequest;
import fr.caf38.cdap.messaging.outbox.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The submission service's idempotency paths that HTTP tests cannot time on purpose. */
@IntakeIntegrationTest
class SubmissionServiceIntegrationTest {
    @Autowired
    AccessRequests requests;
    @Autowired
    ReferenceNumbers references;
    @Autowired
    Outbox outbox;
    @Autowired
    IntakeProperties properties;
    @Autowired
    AccessRequestValidator validator;
    @Autowired
    MongoTemplate mongo;

    private ValidRequest valid(String siret, String legalName) {
        var form = new AccessRequestForm("38", new AccessRequestForm.OrganisationForm(legalName, siret,
                new AccessRequestForm.AddressForm("1 rue", null, "38000", "Grenoble"), "accueil@exemple.fr",
                "04 76 00 00 00"), "T4", null, null, new AccessRequestForm.T4Form("INS1"), null, null,
                new AccessRequestForm.CafproConventionForm(false, List.of()),
                new AccessRequestForm.OtherCafAccessForm(false, null, List.of()));
        return validator.validate(form).request();
    }

    @Test
    void aKeyPastItsRetentionButNotYetCleanedUpIsReleasedOnUse() {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var today = new SubmissionService(requests, references, outbox, Clock.fixed(now, ZoneOffset.UTC), properties);
        var tomorrow = new SubmissionService(requests, references, outbox,
                Clock.fixed(now.plus(Duration.ofHours(25)), ZoneOffset.UTC), properties);

        var first = (SubmissionService.Accepted) today.submit(valid(Sirets.random(), "Premier"), key);
        var second = tomorrow.submit(valid(Sirets.random(), "Second"), key);

        assertThat(second).isInstanceOfSatisfying(SubmissionService.Accepted.class, accepted -> {
            assertThat(accepted.replayed()).isFalse();
            assertThat(accepted.request().id()).isNotEqualTo(first.request().id());
        });
        assertThat(mongo.findById(first.request().id(), AccessRequest.class).idempotencyKey()).isNull();
    }

    @Test
    void losingTheRaceForAKeyIsAnsweredAsTheWinnersReplayOrConflict() {
        String key = UUID.randomUUID().toString();
        Clock clock = Clock.systemUTC();
        ValidRequest request = valid(Sirets.random(), "Gagnant");
        var winner = (SubmissionService.Accepted) new SubmissionService(requests, references, outbox, clock,
                properties).submit(request, key);
        // A look-up that ran just before the winner's insert: it saw no key.
        AtomicBoolean stale = new AtomicBoolean(true);
        AccessRequests lateLookup = new AccessRequests(mongo) {
            @Override
            public Optional<AccessRequest> findByIdempotencyKey(String k) {
                return stale.getAndSet(false) ? Optional.empty() : super.findByIdempotencyKey(k);
            }
        };
        var loser = new SubmissionService(lateLookup, references, outbox, clock, properties);

        assertThat(loser.submit(request, key)).isInstanceOfSatisfying(SubmissionService.Accepted.class, replay -> {
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.request().id()).isEqualTo(winner.request().id());
        });
        stale.set(true);
        assertThat(loser.submit(valid(Sirets.random(), "Autre"), key))
                .isInstanceOf(SubmissionService.KeyReused.class);
    }

    @Test
    void referencesFollowEachOtherPerCafAndYear() {
        DepartmentCode caf = DepartmentCode.of("38");
        Instant in2031 = Instant.parse("2031-06-01T10:00:00Z");
        String first = references.next(caf, in2031);
        String second = references.next(caf, in2031);
        String nextYear = references.next(caf, Instant.parse("2031-12-31T23:30:00Z"));

        assertThat(Long.parseLong(second.substring(second.lastIndexOf('-') + 1)))
                .isEqualTo(Long.parseLong(first.substring(first.lastIndexOf('-') + 1)) + 1);
        assertThat(first).startsWith("CDAP-38-2031-");
        // 23:30 UTC on 31 December is already the new year in Isère.
        assertThat(nextYear).isEqualTo("CDAP-38-2032-00001");
    }
}
