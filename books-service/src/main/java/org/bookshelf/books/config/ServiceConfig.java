package org.bookshelf.books.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.EnvConfig;

/**
 * Every setting of books-service, from environment variables with safe defaults. The default
 * database is an H2 file under {@code DATA_DIR}, so data survives restarts with no setup.
 */
public record ServiceConfig(
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Duration dbConnectionTimeout,
    boolean seedSampleData,
    CommonSettings common) {

  public static final int DEFAULT_PORT = 5000;

  public static ServiceConfig from(Map<String, String> environment) {
    EnvConfig env = new EnvConfig(environment);
    Path dataDir = Path.of(env.string("DATA_DIR", "./data"));
    String defaultUrl =
        "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("books") + ";DB_CLOSE_ON_EXIT=FALSE";
    return new ServiceConfig(
        env.integer("PORT", DEFAULT_PORT, 1, 65535),
        dataDir,
        env.string("DB_URL", defaultUrl),
        env.string("DB_USER", "sa"),
        env.string("DB_PASSWORD", ""),
        // Flyway migrates on two connections, so a pool of one cannot start.
        env.integer("DB_POOL_SIZE", 10, 2, 200),
        Duration.ofSeconds(env.integer("DB_CONNECTION_TIMEOUT_SECONDS", 5, 1, 300)),
        env.bool("SEED_SAMPLE_DATA", true),
        CommonSettings.from(env));
  }

  public boolean usesDefaultH2File() {
    return dbUrl.startsWith("jdbc:h2:file:");
  }

  @Override
  public String toString() {
    // Never print the password.
    return "ServiceConfig[port=" + port + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser
        + ", dbPoolSize=" + dbPoolSize + ", seedSampleData=" + seedSampleData + ", " + common + "]";
  }
}
