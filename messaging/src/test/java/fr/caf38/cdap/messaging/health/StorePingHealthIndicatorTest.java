package fr.caf38.cdap.messaging.health;

import com.mongodb.client.MongoClients;
import fr.caf38.cdap.testinfra.FreePorts;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@WithInfrastructure
class StorePingHealthIndicatorTest {

    @Test
    void aStoreThatAnswersPingIsUpEvenWhereHelloIsUnknown(TestInfrastructure infra) {
        try (var client = MongoClients.create(infra.mongoConnectionString())) {
            var health = new StorePingHealthIndicator(new MongoTemplate(client, "health")).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "health");
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIsDown() {
        int closedPort = FreePorts.next();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300")) {
            var health = new StorePingHealthIndicator(new MongoTemplate(client, "health")).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
