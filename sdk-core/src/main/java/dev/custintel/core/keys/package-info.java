/**
 * API keys for the REST server: {@link dev.custintel.core.keys.ApiKeyClient}, reached with
 * {@code store.apiKeys()}.
 *
 * <p>A key is shown once, when it is created ({@link dev.custintel.core.keys.CreatedApiKey}); the store keeps only
 * its SHA-256 hash and a short lookup id, so a copy of the database gives no usable key. Keys carry
 * {@linkplain dev.custintel.core.keys.ApiKeyScope scopes}, which are hierarchical: admin allows everything write
 * allows, and write everything read allows.
 */
@NullMarked
package dev.custintel.core.keys;

import org.jspecify.annotations.NullMarked;
