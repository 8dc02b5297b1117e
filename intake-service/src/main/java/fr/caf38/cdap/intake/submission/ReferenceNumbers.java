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

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Human references {@code CDAP-<dept>-<year>-<sequence>}: one counter document per Caf and year,
 * incremented atomically ({@code findAndModify} with {@code $inc}, created on first use), so two
 * submissions never get the same number, on one instance or several, before or after a restart.
 */
@Component
public class ReferenceNumbers {
    static final String COLLECTION = "reference_counters";

    private final MongoTemplate mongo;
    private final ZoneId zone;

    public ReferenceNumbers(MongoTemplate mongo, IntakeProperties properties) {
        this.mongo = mongo;
        this.zone = properties.referenceZone();
    }

    /** The next reference of the Caf, in the year {@code at} falls in (in the Caf's calendar). */
    public String next(DepartmentCode caf, Instant at) {
        int year = at.atZone(zone).getYear();
        return format(caf, year, increment(caf.value() + "-" + year));
    }

    static String format(DepartmentCode caf, int year, long sequence) {
        return String.format("CDAP-%s-%d-%05d", caf.value(), year, sequence);
    }

    private long increment(String counter) {
        Query query = Query.query(where("_id").is(counter));
        Update update = new Update().inc("seq", 1L);
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
