package fr.caf38.cdap.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the hardware allows: raw Kafka produce→consume and raw store inserts, same sizes as the pipeline's. */
final class Floor {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Floor.class);
    private final String bootstrap;
    private final String mongoUri;

    Floor(String bootstrap, String mongoUri) {
        this.bootstrap = bootstrap;
        this.mongoUri = mongoUri;
    }

    /** Records per second from one producer (acks=all, linger 5 ms) to one consumer, 1-KiB records. */
    double kafkaThroughput(int records) {
        String topic = "bench.floor." + UUID.randomUUID();
        byte[] value = new byte[1024];
        try (KafkaConsumer<String, byte[]> consumer = consumer(topic); KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i % 1000), value));
            }
            producer.flush();
            int received = 0;
            while (received < records && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
                received += consumer.poll(Duration.ofMillis(100)).count();
            }
            return received / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** End-to-end latency (send → consumed) at a fixed rate, 1-KiB records. */
    Samples kafkaLatency(int ratePerSecond, int seconds) {
        String topic = "bench.floor." + UUID.randomUUID();
        Samples samples = new Samples();
        try (KafkaConsumer<String, byte[]> consumer = consumer(topic); KafkaProducer<String, byte[]> producer = producer()) {
            long intervalNanos = 1_000_000_000L / ratePerSecond;
            long start = System.nanoTime();
            long total = (long) ratePerSecond * seconds;
            int received = 0;
            for (long i = 0; i < total || received < total; ) {
                long now = System.nanoTime();
                while (i < total && start + i * intervalNanos <= now) {
                    byte[] value = new byte[1024];
                    ByteBuffer.wrap(value).putLong(System.nanoTime());
                    producer.send(new ProducerRecord<>(topic, Long.toString(i % 1000), value));
                    i++;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    samples.add((System.nanoTime() - ByteBuffer.wrap(record.value()).getLong()) / 1000);
                    received++;
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(seconds + 60L)) {
                    break;
                }
            }
        }
        return samples;
    }

    /** Single-document inserts per second into the store, with the given number of client threads. */
    double storeInserts(int documents, int threads) throws Exception {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection = client.getDatabase("benchmark").getCollection("floor_" + threads);
            String body = RequestBodies.next(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (next.getAndIncrement() < documents) {
                        collection.insertOne(Document.parse(body).append("_id", UUID.randomUUID().toString()));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double rate = documents / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();
            collection.drop();
            return rate;
        }
    }

    /**
     * Request-sized documents per second with bulk commands: {@code insertMany} of {@code batch}
     * documents, then {@code bulkWrite} of {@code batch} {@code updateOne({_id})} on them, one thread.
     */
    Map<String, Double> storeBulk(int documents, int batch) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection = client.getDatabase("benchmark").getCollection("floor_bulk");
            String body = RequestBodies.next(1);
            List<String> ids = new ArrayList<>(documents);
            long start = System.nanoTime();
            for (int i = 0; i < documents; i += batch) {
                List<Document> chunk = new ArrayList<>(batch);
                for (int j = i; j < Math.min(documents, i + batch); j++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    chunk.add(Document.parse(body).append("_id", id));
                }
                collection.insertMany(chunk);
            }
            double inserts = documents / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (int i = 0; i < ids.size(); i += batch) {
                List<com.mongodb.client.model.WriteModel<Document>> writes = new ArrayList<>(batch);
                for (String id : ids.subList(i, Math.min(ids.size(), i + batch))) {
                    writes.add(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", id),
                            new Document("$set", new Document("status", "DECIDED")).append("$addToSet",
                                    new Document("timeline", new Document("event", "DECIDED").append("at", i)))));
                }
                collection.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            }
            double updates = documents / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            int single = Math.min(documents, 5_000);
            for (String id : ids.subList(0, single)) {
                collection.updateOne(new Document("_id", id), new Document("$set", new Document("status", "SENT")));
            }
            double singleUpdates = single / ((System.nanoTime() - start) / 1e9);
            collection.drop();
            return Map.of("inserts", inserts, "updates", updates, "singleUpdates", singleUpdates);
        }
    }

    Map<String, Object> measure(boolean quick) throws Exception {
        int scale = quick ? 5 : 1;
        log.info("Floor: warming up ...");
        kafkaThroughput(20_000 / scale);
        storeInserts(2_000 / scale, 1);
        log.info("Floor: measuring ...");
        Map<String, Object> floor = new LinkedHashMap<>();
        floor.put("kafkaRecordsPerSecond", round(kafkaThroughput(100_000 / scale)));
        Samples latency = kafkaLatency(1000, quick ? 5 : 15);
        floor.put("kafkaP50Ms", round(latency.percentileMillis(50)));
        floor.put("kafkaP99MsAt1000PerSecond", round(latency.percentileMillis(99)));
        floor.put("storeInsertsPerSecond1Thread", round(storeInserts(20_000 / scale, 1)));
        floor.put("storeInsertsPerSecond8Threads", round(storeInserts(20_000 / scale, 8)));
        Map<String, Double> bulk = storeBulk(20_000 / scale, 100);
        floor.put("storeIdUpdatesPerSecond1Thread", round(bulk.get("singleUpdates")));
        floor.put("storeBulkInsertsPerSecond100PerCommand", round(bulk.get("inserts")));
        floor.put("storeBulkIdUpdatesPerSecond100PerCommand", round(bulk.get("updates")));
        return floor;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Creates the topic and waits until it has leaders, so the measure does not include its creation. */
    private void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        createTopic(topic);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        // Create the topic by asking for it, then read all its partitions from the start.
        List<TopicPartition> partitions = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && partitions.isEmpty(); attempt++) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
