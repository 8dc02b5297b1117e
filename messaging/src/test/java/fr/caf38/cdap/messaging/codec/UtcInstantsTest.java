package fr.caf38.cdap.messaging.codec;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UtcInstantsTest {
    @Test
    void readsWhatTheEncoderWritesExactlyAsTheStandardParserDoes() {
        Random random = new Random(38);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000));
            for (ChronoUnit precision : List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS)) {
                String text = instant.truncatedTo(precision).toString();
                assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        assertThat(UtcInstants.parse("2026-03-02T09:15:33.1Z")).isEqualTo(Instant.parse("2026-03-02T09:15:33.100Z"));
        assertThat(UtcInstants.parse("2028-02-29T23:59:59.999999999Z")).isEqualTo(Instant.parse("2028-02-29T23:59:59.999999999Z"));
    }

    @Test
    void leavesEveryOtherFormToTheStandardReader() {
        for (String other : List.of("2026-02-30T09:15:33Z", "2026-13-02T09:15:33Z", "2026-03-02T24:00:00Z",
                "2026-03-02T09:60:00Z", "2026-03-02T23:59:60Z", "2026-03-02T09:15:33.Z", "2026-03-02T09:15:33.1234567890Z",
                "2026-03-02T09:15:33+01:00", "2026-03-02 09:15:33Z", "+12026-03-02T09:15:33Z", "2026-03-02T09:15:3aZ",
                "2026-03-02T09:15:33,5Z", "１２３４-03-02T09:15:33Z", "")) {
            assertThat(UtcInstants.parse(other)).as(other).isNull();
        }
    }
}
