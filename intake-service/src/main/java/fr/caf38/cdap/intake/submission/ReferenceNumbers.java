package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.intake.IntakeProperties;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Human references {@code CDAP-<dept>-<year>-<sequence>}: one counter document per Caf and year
 * ({@code _id} {@code <dept>-<year>}, {@code seq} = the highest number handed out to any instance).
 * Each instance reserves numbers in blocks ({@code findAndModify {_id}} with {@code $inc} by the block
 * size, created on first use) and hands them out from memory, so two submissions never get the same
 * number, on one instance or several, before or after a restart, and only one submission in
 * {@value #BLOCK} pays a round trip. Numbers left in a block at shutdown are never used: references
 * are unique, not contiguous.
 */
@Component
public class ReferenceNumbers {
    static final String COLLECTION = "reference_counters";
    static final int BLOCK = 50;

    private final MongoTemplate mongo;
    private final ZoneId zone;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public ReferenceNumbers(MongoTemplate mongo, IntakeProperties properties) {
        this.mongo = mongo;
        this.zone = properties.referenceZone();
    }

    /** The next reference of the Caf, in the year {@code at} falls in (in the Caf's calendar). */
    public String next(DepartmentCode caf, Instant at) {
        int year = at.atZone(zone).getYear();
        String counter = caf.value() + "-" + year;
        return format(caf, year, blocks.computeIfAbsent(counter, Block::new).next());
    }

    static String format(DepartmentCode caf, int year, long sequence) {
        return String.format("CDAP-%s-%d-%05d", caf.value(), year, sequence);
    }

    /** The numbers of one counter reserved by this instance and not yet handed out: {@code (last - BLOCK, last]}. */
    private final class Block {
        private final String counter;
        private long next = 1;
        private long last;

        Block(String counter) {
            this.counter = counter;
        }

        synchronized long next() {
            if (next > last) {
                last = reserve(counter);
                next = last - BLOCK + 1;
            }
            return next++;
        }
    }

    private long reserve(String counter) {
        Query query = Query.query(where("_id").is(counter));
        Update update = new Update().inc("seq", (long) BLOCK);
        FindAndModifyOptions options = FindAndModifyOptions.options().upsert(true).returnNew(true);
        try {
            return sequence(mongo.findAndModify(query, update, options, Document.class, COLLECTION));
        } catch (DuplicateKeyException raceOnFirstUse) {
            // Two first uses of a counter both tried to create it; the document exists now, so increment it.
            return sequence(mongo.findAndModify(query, update, options, Document.class, COLLECTION));
        }
    }

    private static long sequence(Document counter) {
        return ((Number) counter.get("seq")).longValue();
    }
}
