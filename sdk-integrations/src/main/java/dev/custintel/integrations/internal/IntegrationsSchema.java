package dev.custintel.integrations.internal;

import dev.custintel.core.spi.SchemaModule;

/**
 * The integrations module's own tables (the Slack helpers' processed events and ticket links), migrated by the
 * store after core's. Found by {@link java.util.ServiceLoader}. Not API.
 */
public final class IntegrationsSchema implements SchemaModule {
  @Override
  public String name() {
    return "integrations";
  }

  @Override
  public String location() {
    return "classpath:db/custintel/integrations";
  }
}
