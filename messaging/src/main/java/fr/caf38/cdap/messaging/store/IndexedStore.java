package fr.caf38.cdap.messaging.store;

import java.util.List;

/**
 * A store class (a bean) that owns collections: it declares their indexes here, and {@link StoreIndexes}
 * creates them at start-up. The one way indexes are made ({@code auto-index-creation} stays off: no
 * mapped class carries {@code @Indexed}).
 */
public interface IndexedStore {
    List<CollectionIndexes> indexes();
}
