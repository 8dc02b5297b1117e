package fr.caf38.cdap.messaging.store;

import org.springframework.data.mongodb.core.index.IndexDefinition;

import java.util.List;
import java.util.Set;

/**
 * The indexes one collection keeps, as the store class that owns the collection declares them: created
 * at start-up by {@link StoreIndexes}, and the former ones (of an older layout) dropped.
 *
 * @param indexes       created in this order; the first is the one that matters most (a unique key)
 * @param formerIndexes names of indexes an older version created and this one no longer wants
 */
public record CollectionIndexes(String collection, List<IndexDefinition> indexes, Set<String> formerIndexes) {

    public CollectionIndexes {
        indexes = List.copyOf(indexes);
        formerIndexes = Set.copyOf(formerIndexes);
    }

    public static CollectionIndexes of(String collection, IndexDefinition... indexes) {
        return new CollectionIndexes(collection, List.of(indexes), Set.of());
    }

    public CollectionIndexes dropping(Set<String> former) {
        return new CollectionIndexes(collection, indexes, former);
    }
}
