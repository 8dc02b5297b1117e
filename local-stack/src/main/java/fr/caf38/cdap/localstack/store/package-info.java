/**
 * The local stack's store engine: mongo-java-server's H2 backend with its maps typed for speed
 * ({@link fr.caf38.cdap.localstack.store.CompactH2Backend}), and the one-time conversion of a file
 * written in the backend's original format ({@link fr.caf38.cdap.localstack.store.StoreFormat}).
 */
package fr.caf38.cdap.localstack.store;
