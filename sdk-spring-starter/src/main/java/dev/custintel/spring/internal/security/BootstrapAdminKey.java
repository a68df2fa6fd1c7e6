package dev.custintel.spring.internal.security;

import dev.custintel.core.keys.ApiKeyClient;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.keys.CreatedApiKey;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The first admin key, made when the application starts and no active admin key exists: the configured
 * {@code custintel.security.bootstrap-admin-key} (stored hashed), or else a new random key printed once to standard
 * output, the only place it ever appears (the log says that it was made and its id, never the key). A restart with
 * an admin key in place does nothing.
 */
public final class BootstrapAdminKey implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdminKey.class);
  /** The name the first admin key is stored under. */
  public static final String NAME = "bootstrap admin";

  private final ApiKeyClient keys;
  private final @Nullable String configured;
  private final java.io.PrintStream console;

  /**
   * @param keys the store's key client
   * @param configured the configured key, or null to generate one
   * @param console where a generated key is printed
   */
  public BootstrapAdminKey(ApiKeyClient keys, @Nullable String configured, java.io.PrintStream console) {
    this.keys = keys;
    this.configured = configured;
    this.console = console;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (configured != null && !configured.isBlank()) {
      keys.storeBootstrapAdminKey(NAME, configured.trim()).ifPresent(key -> LOG.info(
          "Stored the configured custintel.security.bootstrap-admin-key as admin key {}", key.id()));
      return;
    }
    if (keys.anyActiveWithScope(ApiKeyScope.ADMIN)) {
      return;
    }
    CreatedApiKey created = keys.create(NAME, EnumSet.of(ApiKeyScope.ADMIN));
    LOG.warn("No admin API key existed, so admin key {} was made and printed once to the console (standard "
        + "output), never to the log. Keep it; create narrower keys with POST /admin/keys.", created.apiKey().id());
    console.println("Custintel admin API key (shown only now): " + created.key());
    console.flush();
  }
}
