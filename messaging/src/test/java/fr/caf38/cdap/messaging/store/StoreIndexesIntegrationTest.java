package fr.caf38.cdap.messaging.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fr.caf38.cdap.testinfra.FreePorts;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithInfrastructure
class StoreIndexesIntegrationTest {

    @Test
    void aDeclaredUniqueIndexIsCreatedAndKeepsItsKeyUnique(TestInfrastructure infra) {
        try (MongoClient client = MongoClients.create(infra.mongoConnectionString())) {
            MongoTemplate mongo = new MongoTemplate(client, "messaging-indexes");
            String collection = "indexed-" + UUID.randomUUID();

            boolean created = new StoreIndexes(mongo).create(List.of(CollectionIndexes.of(collection,
                    new Index().on("code", Sort.Direction.ASC).unique().named("code_unique"))));

            assertThat(created).isTrue();
            mongo.insert(new Document("_id", "a").append("code", "X"), collection);
            assertThatThrownBy(() -> mongo.insert(new Document("_id", "b").append("code", "X"), collection))
                    .isInstanceOf(DuplicateKeyException.class);
        }
    }

    @Test
    void aFormerIndexIsDropped(TestInfrastructure infra) {
        try (MongoClient client = MongoClients.create(infra.mongoConnectionString())) {
            MongoTemplate mongo = new MongoTemplate(client, "messaging-indexes");
            String collection = "indexed-" + UUID.randomUUID();
            mongo.indexOps(collection).createIndex(new Index().on("old", Sort.Direction.ASC).unique().named("old_unique"));

            new StoreIndexes(mongo).create(List.of(new CollectionIndexes(collection, List.of(), Set.of("old_unique"))));

            mongo.insert(new Document("_id", "a").append("old", "X"), collection);
            mongo.insert(new Document("_id", "b").append("old", "X"), collection);
            assertThat(mongo.indexOps(collection).getIndexInfo()).noneMatch(index -> index.getName().equals("old_unique"));
        }
    }

    @Test
    void anUnreachableStoreIsReportedWithoutFailingTheStartUp() {
        String uri = "mongodb://127.0.0.1:" + FreePorts.next() + "/?serverSelectionTimeoutMS=300";
        try (MongoClient client = MongoClients.create(uri)) {
            MongoTemplate mongo = new MongoTemplate(client, "messaging-indexes");

            boolean created = new StoreIndexes(mongo).create(List.of(
                    CollectionIndexes.of("first", new Index().on("code", Sort.Direction.ASC).unique()),
                    CollectionIndexes.of("second", new Index().on("code", Sort.Direction.ASC).unique())));

            assertThat(created).isFalse();
        }
    }
}
