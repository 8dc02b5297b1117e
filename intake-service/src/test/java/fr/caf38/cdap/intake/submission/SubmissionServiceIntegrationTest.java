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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The submission service's idempotency paths that HTTP tests cannot time on purpose. */
@IntakeIntegrationTest
class SubmissionServiceIntegrationTest {
    @Autowired
    AccessRequests requests;
    @Autowired
    IdempotencyKeys keys;
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
        var today = new SubmissionService(requests, keys, references, outbox, Clock.fixed(now, ZoneOffset.UTC), properties);
        var tomorrow = new SubmissionService(requests, keys, references, outbox,
                Clock.fixed(now.plus(Duration.ofHours(25)), ZoneOffset.UTC), properties);

        var first = (SubmissionService.Accepted) today.submit(valid(Sirets.random(), "Premier"), key);
        var second = tomorrow.submit(valid(Sirets.random(), "Second"), key);

        assertThat(second).isInstanceOfSatisfying(SubmissionService.Accepted.class, accepted -> {
            assertThat(accepted.replayed()).isFalse();
            assertThat(accepted.request().id()).isNotEqualTo(first.request().id());
        });
        // The key now names the second request; the first one stays, only its key is gone.
        assertThat(mongo.findById(key, IdempotencyKeys.Claim.class).requestId()).isEqualTo(
                ((SubmissionService.Accepted) second).request().id());
        assertThat(mongo.findById(first.request().id(), AccessRequest.class)).isNotNull();
    }

    @Test
    void losingTheRaceForAKeyIsAnsweredAsTheWinnersReplayOrConflict() {
        String key = UUID.randomUUID().toString();
        Clock clock = Clock.systemUTC();
        ValidRequest request = valid(Sirets.random(), "Gagnant");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The winner has claimed the key but not stored its request yet (or failed in between).
        var winner = new IdempotencyKeys.Claim(key, UUID.randomUUID().toString(),
                references.next(request.cafDepartment(), now), request.cafDepartment(), BodyHash.of(request), now,
                now.plus(Duration.ofHours(24)));
        assertThat(keys.claim(winner, now)).isEqualTo(winner);
        var loser = new SubmissionService(requests, keys, references, outbox, clock, properties);

        assertThat(loser.submit(request, key)).isInstanceOfSatisfying(SubmissionService.Accepted.class, replay -> {
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.request().id()).isEqualTo(winner.requestId());
            assertThat(replay.request().reference()).isEqualTo(winner.reference());
        });
        // The replay stored the winner's request, once: the next replay finds it.
        assertThat(requests.findById(UUID.fromString(winner.requestId()))).isPresent();
        assertThat(((SubmissionService.Accepted) loser.submit(request, key)).request().id())
                .isEqualTo(winner.requestId());
        assertThat(loser.submit(valid(Sirets.random(), "Autre"), key))
                .isInstanceOf(SubmissionService.KeyReused.class);
    }

    @Test
    void aRenewedKeyIsKeptByTheCleanUpUntilItExpiresInTurn() {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ValidRequest request = valid(Sirets.random(), "Renouvelé");
        var expired = new IdempotencyKeys.Claim(key, UUID.randomUUID().toString(), "CDAP-38-2031-00001",
                request.cafDepartment(), BodyHash.of(request), now.minus(Duration.ofHours(30)),
                now.minus(Duration.ofHours(6)));
        keys.claim(expired, now.minus(Duration.ofHours(30)));
        var renewed = new IdempotencyKeys.Claim(key, UUID.randomUUID().toString(), "CDAP-38-2031-00002",
                request.cafDepartment(), BodyHash.of(request), now, now.plus(Duration.ofHours(24)));

        assertThat(keys.claim(renewed, now)).isEqualTo(renewed);
        keys.releaseExpired(now);

        assertThat(mongo.findById(key, IdempotencyKeys.Claim.class)).isEqualTo(renewed);
        assertThat(keys.releaseExpired(now.plus(Duration.ofHours(25)))).isPositive();
        assertThat(mongo.findById(key, IdempotencyKeys.Claim.class)).isNull();
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
