package fr.caf38.cdap.security.signin;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.caf38.cdap.testinfra.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's throttle, through the one sign-in path (API Basic and the console's form alike), on
 * a real MongoDB-wire store and a clock the test moves. Passwords are stored {@code {noop}} and the
 * encoder counts its checks: these tests are about counting, not about bcrypt.
 */
class ThrottledSignInTest {
    private static MongoServer server;
    private static MongoClient client;
    private static final Queue<String> commands = new ConcurrentLinkedQueue<>();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private MongoTemplate mongo;
    private ThrottledAuthenticationManager signIn;

    @BeforeAll
    static void startStore() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(recorder).build());
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        mongo = new MongoTemplate(client, "signin");
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "sign_in_failures");
        SignInProperties properties = SignInProperties.defaults();
        SignInFailures failures = new SignInFailures(mongo, properties.collection());
        failures.createIndexes();
        var users = new InMemoryUserDetailsManager(
                User.withUsername("agent").password("{noop}secret").roles("AGENT").build(),
                User.withUsername("monitor").password("{noop}monitor").roles("MONITORING").build());
        PasswordEncoder noop = new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance()));
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return noop.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                passwordChecks.incrementAndGet();
                return noop.matches(raw, encoded);
            }
        };
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(counting);
        signIn = new ThrottledAuthenticationManager(passwords, new SignInThrottle(failures, properties, clock),
                properties, clock);
    }

    @Test
    void fiveConsecutiveFailuresLockTheNameEvenWithTheRightPassword() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> attempt("agent", "wrong", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> attempt("agent", "wrong", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);

        int checksBefore = passwordChecks.get();
        assertThatThrownBy(() -> attempt("agent", "secret", "10.0.0.2"))
                .isInstanceOfSatisfying(SignInLockedException.class,
                        locked -> assertThat(locked.retryAfterSeconds()).isEqualTo(15 * 60));
        assertThat(passwordChecks.get()).as("no password check while the name is locked").isEqualTo(checksBefore);
        // Another name is not affected.
        assertThat(attempt("monitor", "monitor", "10.0.0.1").isAuthenticated()).isTrue();
    }

    @Test
    void theLockEndsFifteenMinutesAfterTheLastFailure() {
        failTimes("agent", 4, "10.0.0.1");
        clock.advance(Duration.ofMinutes(5));
        failTimes("agent", 1, "10.0.0.1"); // the fifth, 5 minutes after the first: locked until 15 minutes from now

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThatThrownBy(() -> attempt("agent", "secret", "10.0.0.1"))
                .isInstanceOfSatisfying(SignInLockedException.class,
                        locked -> assertThat(locked.retryAfterSeconds()).isEqualTo(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt("agent", "secret", "10.0.0.1").getName()).isEqualTo("agent");
    }

    @Test
    void attemptsRefusedDuringALockNeitherCountNorExtendIt() {
        failTimes("agent", 5, "10.0.0.1");
        for (int minute = 1; minute <= 14; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> attempt("agent", "wrong", "10.0.0.1")).isInstanceOf(SignInLockedException.class);
        }
        clock.advance(Duration.ofMinutes(1));
        // The lock ended 15 minutes after the fifth failure, and the refused attempts left no failure behind:
        // a new failure is the first of a new series.
        failTimes("agent", 4, "10.0.0.1");
        assertThat(attempt("agent", "secret", "10.0.0.1").isAuthenticated()).isTrue();
    }

    @Test
    void failuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
        for (int i = 0; i < 10; i++) {
            failTimes("agent", 1, "10.0.0.1");
            clock.advance(Duration.ofMinutes(4)); // never 5 within 15 minutes
        }
        assertThat(attempt("agent", "secret", "10.0.0.1").isAuthenticated()).isTrue();
    }

    @Test
    void aSuccessClearsTheNamesCount() {
        failTimes("agent", 4, "10.0.0.1");
        assertThat(attempt("agent", "secret", "10.0.0.1").isAuthenticated()).isTrue();
        failTimes("agent", 4, "10.0.0.1");
        assertThat(attempt("agent", "secret", "10.0.0.1").isAuthenticated()).isTrue();
        assertThat(mongo.getCollection("sign_in_failures").find(new org.bson.Document("_id", "name:agent")).first())
                .isNull();
    }

    @Test
    void unknownNamesAreCountedAndLockedTheSameWay() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> attempt("personne", "x", "10.0.0.1"))
                    .isExactlyInstanceOf(BadCredentialsException.class)
                    .hasMessage(messageOfAWrongPasswordFor("agent"));
        }
        assertThatThrownBy(() -> attempt("personne", "x", "10.0.0.1")).isInstanceOf(SignInLockedException.class);
    }

    @Test
    void changingTheCaseOfTheNameDoesNotEscapeItsLock() {
        failTimes("agent", 3, "10.0.0.1");
        failTimes("AGENT", 2, "10.0.0.1");
        assertThatThrownBy(() -> attempt("Agent", "secret", "10.0.0.1")).isInstanceOf(SignInLockedException.class);
    }

    @Test
    void anAddressIsLockedForFifteenMinutesAfterAHundredFailures() {
        for (int i = 0; i < 99; i++) {
            failTimes("inconnu-" + i, 1, "192.0.2.7");
        }
        assertThat(attempt("agent", "secret", "192.0.2.7").isAuthenticated()).isTrue();
        failTimes("inconnu-99", 1, "192.0.2.7");

        assertThatThrownBy(() -> attempt("monitor", "monitor", "192.0.2.7"))
                .isInstanceOfSatisfying(SignInLockedException.class,
                        locked -> assertThat(locked.retryAfterSeconds()).isEqualTo(15 * 60));
        assertThat(attempt("monitor", "monitor", "192.0.2.8").isAuthenticated()).as("another address").isTrue();
        clock.advance(Duration.ofMinutes(15));
        assertThat(attempt("monitor", "monitor", "192.0.2.7").isAuthenticated()).isTrue();
    }

    @Test
    void anAttemptWithoutANameIsNoFailure() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> attempt("", "", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(mongo.getCollection("sign_in_failures").countDocuments()).isZero();
    }

    @Test
    void aRememberedSuccessCostsNeitherAPasswordCheckNorAStoreWrite() {
        failTimes("monitor", 1, "10.0.0.1");
        assertThat(attempt("monitor", "monitor", "10.0.0.1").isAuthenticated()).isTrue(); // checked, clears the count
        int checks = passwordChecks.get();

        commands.clear();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(10));
            Authentication again = attempt("monitor", "monitor", "10.0.0.1");
            assertThat(again.getName()).isEqualTo("monitor");
            assertThat(again.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_MONITORING");
            assertThat(again.getCredentials()).isNull();
        }
        assertThat(passwordChecks.get()).isEqualTo(checks);
        assertThat(commands).as("only reads of the locks, by _id").containsOnly("find").hasSize(20);

        // A wrong password is not remembered as the right one, and the memory fades.
        assertThatThrownBy(() -> attempt("monitor", "wrong", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);
        clock.advance(Duration.ofMinutes(5));
        attempt("monitor", "monitor", "10.0.0.1");
        assertThat(passwordChecks.get()).isEqualTo(checks + 2);
    }

    @Test
    void aRememberedSuccessStillYieldsToALock() {
        assertThat(attempt("monitor", "monitor", "10.0.0.1").isAuthenticated()).isTrue();
        failTimes("monitor", 5, "10.0.0.9");
        assertThatThrownBy(() -> attempt("monitor", "monitor", "10.0.0.1")).isInstanceOf(SignInLockedException.class);
    }

    @Test
    void aSuccessWithNoCountToClearWritesNothing() {
        commands.clear();
        attempt("agent", "secret", "10.0.0.1");
        assertThat(List.copyOf(commands)).containsExactly("find");
    }

    @Test
    void expiredCountsAreIgnoredWhereNoTtlRuns() {
        failTimes("agent", 4, "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        failTimes("agent", 4, "10.0.0.1");
        assertThat(attempt("agent", "secret", "10.0.0.1").isAuthenticated()).isTrue();
    }

    @Test
    void withTheStoreAwayOnlyCredentialsCheckedMinutesAgoGetIn() {
        MongoServer own = new MongoServer(new MemoryBackend());
        int port = own.bind().getPort();
        try (MongoClient away = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300,
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .readTimeout(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build())) {
            SignInProperties properties = SignInProperties.defaults();
            var failures = new SignInFailures(new MongoTemplate(away, "signin"), properties.collection());
            var passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                    User.withUsername("monitor").password("{noop}monitor").roles("MONITORING").build(),
                    User.withUsername("agent").password("{noop}secret").roles("AGENT").build()));
            passwords.setPasswordEncoder(new DelegatingPasswordEncoder("noop",
                    Map.of("noop", NoOpPasswordEncoder.getInstance())));
            signIn = new ThrottledAuthenticationManager(passwords, new SignInThrottle(failures, properties, clock),
                    properties, clock);
            assertThat(attempt("monitor", "monitor", "10.0.0.1").isAuthenticated()).isTrue();

            own.shutdownNow();
            assertThat(attempt("monitor", "monitor", "10.0.0.1").isAuthenticated()).isTrue();
            assertThatThrownBy(() -> attempt("agent", "secret", "10.0.0.1"))
                    .isInstanceOf(org.springframework.security.authentication.InternalAuthenticationServiceException.class);
        } finally {
            own.shutdownNow();
        }
    }

    private void failTimes(String login, int times, String address) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> attempt(login, "wrong", address)).isInstanceOf(BadCredentialsException.class);
        }
    }

    private String messageOfAWrongPasswordFor(String login) {
        try {
            attempt(login, "wrong-" + System.nanoTime(), "198.51.100.1");
            throw new AssertionError("a wrong password was accepted");
        } catch (BadCredentialsException e) {
            return e.getMessage();
        }
    }

    private Authentication attempt(String login, String password, String address) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        var token = UsernamePasswordAuthenticationToken.unauthenticated(login, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return signIn.authenticate(token);
    }
}
