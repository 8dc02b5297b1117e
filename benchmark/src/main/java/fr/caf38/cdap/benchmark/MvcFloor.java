package fr.caf38.cdap.benchmark;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Spring MVC alone takes on this machine: a request-sized JSON body read into a record and
 * validated (Bean Validation), answered 202, closed loop from 16 clients — no store, no Kafka.
 */
final class MvcFloor {
    private MvcFloor() {
    }

    static Map<String, Object> measure(boolean quick) throws InterruptedException {
        int port = fr.caf38.cdap.testinfra.FreePorts.next();
        // Boot would otherwise set up logging again, and the benchmark's own progress lines would go.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication application = new SpringApplication(FloorApplication.class);
        application.setDefaultProperties(Map.of("server.port", port, "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false"));
        try (ConfigurableApplicationContext context = application.run()) {
            String url = "http://127.0.0.1:" + port + "/floor";
            run(url, Duration.ofSeconds(quick ? 5 : 15));
            double rate = run(url, Duration.ofSeconds(quick ? 5 : 15));
            return Map.of("springMvcValidatedPostsPerSecond", Floor.round(rate));
        }
    }

    private static double run(String url, Duration duration) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger done = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < 16; c++) {
            Thread client = new Thread(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(RequestBodies.next(i++))).build();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                            done.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        // counted as not done
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "mvc-floor-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The request's main fields, validated as a service would (the rest of the body is read and ignored). */
    record Body(@Pattern(regexp = "\\d{2,3}|2[AB]") String cafDepartment,
                @NotNull @Valid Organisation organisation,
                @NotBlank String profile) {
    }

    record Organisation(@NotBlank @Size(max = 200) String legalName,
                        @NotBlank @Pattern(regexp = "\\d{14}") String siret,
                        @NotBlank @Size(max = 254) String email) {
    }

    @SpringBootApplication
    @RestController
    static class FloorApplication {
        @PostMapping("/floor")
        ResponseEntity<Map<String, String>> accept(@Valid @RequestBody Body body) {
            return ResponseEntity.accepted().body(Map.of("requestId", UUID.randomUUID().toString()));
        }
    }
}
