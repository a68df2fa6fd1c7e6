package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.sync.JdbcOrderSource;
import dev.custintel.core.sync.OrderSource;
import dev.custintel.spring.internal.sync.ShopPool;
import dev.custintel.spring.internal.sync.SyncRunner;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pull sync. A {@link SyncRunner} runs every {@link OrderSource} bean into the store, on {@code POST /admin/sync}
 * and, when {@code custintel.sync.interval} is set, on that schedule. With {@code custintel.sync.jdbc.sql} set, a
 * {@link JdbcOrderSource} over the shop's database ({@code custintel.sync.jdbc.url}, else the application's
 * {@code DataSource}) is one of them.
 */
@AutoConfiguration(after = CustintelAutoConfiguration.class)
@ConditionalOnBean(CustomerIntelligence.class)
public final class CustintelSyncAutoConfiguration {

  /** Created by Spring. */
  public CustintelSyncAutoConfiguration() {}

  /**
   * @param ci the facade
   * @param sources the application's order sources
   * @param properties the settings, for the schedule and the page size
   * @return the runner, whose schedules stop with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SyncRunner custintelSyncRunner(
      CustomerIntelligence ci, ObjectProvider<OrderSource> sources, CustintelProperties properties) {
    List<OrderSource> all = sources.orderedStream().toList();
    return new SyncRunner(ci.store().sync(), all, properties.sync().pageSize(), properties.sync().interval());
  }

  /** The JDBC source of {@code custintel.sync.jdbc.*}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "custintel.sync.jdbc.sql")
  static final class JdbcSource {

    /**
     * @param properties the settings
     * @return the pool over {@code custintel.sync.jdbc.url}
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "custintel.sync.jdbc.url")
    ShopPool custintelSyncShopPool(CustintelProperties properties) {
      CustintelProperties.Jdbc jdbc = properties.sync().jdbc();
      return new ShopPool(jdbc.name(), java.util.Objects.requireNonNull(jdbc.url()), jdbc.username(), jdbc.password());
    }

    /**
     * @param properties the settings
     * @param pools the pool over the URL, when one is set
     * @param dataSources the application's data source, used when no URL is set
     * @return the source
     */
    @Bean
    @ConditionalOnMissingBean(name = "custintelJdbcOrderSource")
    OrderSource custintelJdbcOrderSource(
        CustintelProperties properties, ObjectProvider<ShopPool> pools, ObjectProvider<DataSource> dataSources) {
      CustintelProperties.Jdbc jdbc = properties.sync().jdbc();
      ShopPool pool = pools.getIfAvailable();
      DataSource shop = pool != null ? pool.dataSource() : dataSources.getIfUnique();
      if (shop == null) {
        throw new IllegalStateException("custintel.sync.jdbc.sql is set but custintel.sync.jdbc.url is not, and the"
            + " application has no single DataSource bean to read the shop's orders from: set"
            + " custintel.sync.jdbc.url");
      }
      String sql = jdbc.sql();
      if (sql == null || sql.isBlank()) {
        throw new IllegalStateException("custintel.sync.jdbc.sql is blank");
      }
      JdbcOrderSource.Builder source = JdbcOrderSource.builder().name(jdbc.name()).dataSource(shop).sql(sql);
      switch (jdbc.watermarkType().toLowerCase(java.util.Locale.ROOT)) {
        case "timestamp" -> source.timestampWatermark(jdbc.watermarkColumn());
        case "number" -> source.numberWatermark(jdbc.watermarkColumn());
        default -> throw new IllegalStateException("custintel.sync.jdbc.watermark-type must be timestamp or number"
            + " (was '" + jdbc.watermarkType() + "')");
      }
      return source.build();
    }
  }
}
