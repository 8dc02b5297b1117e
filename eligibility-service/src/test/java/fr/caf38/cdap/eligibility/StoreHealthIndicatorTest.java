package fr.caf38.cdap.eligibility;

import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class StoreHealthIndicatorTest {

    @Test
    void aStoreThatDoesNotAnswerIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300")) {
            var health = new StoreHealthIndicator(new MongoTemplate(client, "eligibility")).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
