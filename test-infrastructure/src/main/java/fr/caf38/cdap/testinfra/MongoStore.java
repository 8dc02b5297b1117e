package fr.caf38.cdap.testinfra;

/** A running MongoDB-wire store the tests can reach. */
public interface MongoStore extends AutoCloseable {
    /** Connection string without a database; the application chooses its own database name. */
    String connectionString();

    @Override
    void close();
}
