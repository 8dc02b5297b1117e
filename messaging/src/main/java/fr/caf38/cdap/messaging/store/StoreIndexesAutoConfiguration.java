package fr.caf38.cdap.messaging.store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every service's one way of creating indexes: at start-up, after every bean is made (so before the
 * consumers start), {@link StoreIndexes} creates what each {@link IndexedStore} bean declares.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(MongoTemplate.class)
public class StoreIndexesAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    SmartInitializingSingleton storeIndexesAtStartUp(MongoTemplate mongo, ObjectProvider<IndexedStore> stores) {
        return () -> new StoreIndexes(mongo).create(stores.orderedStream()
                .flatMap(store -> store.indexes().stream()).toList());
    }
}
