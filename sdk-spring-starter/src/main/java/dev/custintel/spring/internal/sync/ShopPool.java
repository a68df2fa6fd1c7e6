package dev.custintel.spring.internal.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The small pool (2 connections) the JDBC order source reads the shop's database with, when it has a URL of its
 * own; closed with the context. Not a {@link DataSource} bean, so that it never stands in for the application's.
 */
public final class ShopPool implements AutoCloseable {
  private final HikariDataSource pool;

  /**
   * @param name the source's name, for the pool's name
   * @param url the shop database's JDBC URL
   * @param username its user, or null
   * @param password its password, or null
   */
  public ShopPool(String name, String url, @Nullable String username, @Nullable String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (username != null) {
      config.setUsername(username);
      config.setPassword(password);
    }
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setPoolName("custintel-sync-" + name);
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
  }

  /** @return the pool */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
