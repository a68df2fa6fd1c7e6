package dev.custintel.analytics.internal;

import dev.custintel.core.spi.SchemaModule;

/**
 * The analytics module's own tables (product affinity of model runs), migrated by the store after core's. Found by
 * {@link java.util.ServiceLoader}. Not API.
 */
public final class AnalyticsSchema implements SchemaModule {
  @Override
  public String name() {
    return "analytics";
  }

  @Override
  public String location() {
    return "classpath:db/custintel/analytics";
  }
}
