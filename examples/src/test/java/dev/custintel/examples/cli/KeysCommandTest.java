package dev.custintel.examples.cli;

import static dev.custintel.examples.cli.JsonChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.keys.ApiKey;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.store.CustintelStore;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code keys create}, {@code keys list} and {@code keys revoke} against H2 (a file) and PostgreSQL. */
class KeysCommandTest extends CliDatabaseFixture {
  private static final Pattern CREATED = Pattern.compile(
      "id: ([0-9a-f-]{36})\\R" + "key: (ci_[0-9A-Za-z]{8}_[0-9A-Za-z]{43})\\R");

  /** A created key: its id and the key. */
  private record Created(String id, String key) {}

  private Created create(String... args) {
    CliRun run = CliRun.run(args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    Matcher m = CREATED.matcher(run.out());
    assertThat(m.matches()).as(run.toString()).isTrue();
    assertThat(run.err()).contains("will not be shown again").doesNotContain(m.group(2))
        .doesNotContain(m.group(2).substring(12));
    return new Created(m.group(1), m.group(2));
  }

  private Optional<ApiKey> verify(String key) {
    try (CustintelStore store = CustintelStore.builder().jdbcUrl(db()).build()) {
      return store.apiKeys().verify(key);
    }
  }

  @Test
  void create_printsTheKeyOnce_whichTheSdkThenAccepts() {
    Created created = create("keys", "create", "--db", db(), "--name", "reporting dashboard", "--scope", "read");

    Optional<ApiKey> verified = verify(created.key());

    assertThat(verified).isPresent();
    assertThat(verified.get().id()).isEqualTo(created.id());
    assertThat(verified.get().name()).isEqualTo("reporting dashboard");
    assertThat(verified.get().scopes()).containsExactly(ApiKeyScope.READ);
  }

  @Test
  void list_tableAndJson_showEveryKeyButNeverTheKey() {
    Created reader = create("keys", "create", "--db", db(), "--name", "reader", "--scope", "read");
    Created admin = create("keys", "create", "--db", db(), "--name", "ops", "--scope", "WRITE,admin");
    Created both = create("keys", "create", "--db", db(), "--name", "ci", "--scope", "write", "--scope", "read");

    CliRun table = CliRun.run("keys", "list", "--db", db());
    CliRun json = CliRun.run("keys", "list", "--db", db(), "--output", "json");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("ID").contains("NAME", "SCOPES", "LOOKUP", "CREATED", "LAST USED", "REVOKED");
    assertThat(lines.get(1)).startsWith(reader.id()).contains("reader", " read ", reader.key().substring(3, 11));
    assertThat(lines.get(2)).startsWith(admin.id()).contains("ops", "write,admin");
    assertThat(lines.get(3)).startsWith(both.id()).contains("read,write");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode array = json.json();
    assertThat(array).hasSize(3);
    assertThat(names(array.get(0))).containsExactly("id", "name", "scopes", "lookupId", "createdAt", "lastUsedAt",
        "revokedAt", "active");
    assertThat(array.get(1).get("id").asText()).isEqualTo(admin.id());
    assertThat(array.get(1).get("scopes").toString()).isEqualTo("[\"write\",\"admin\"]");
    assertThat(array.get(1).get("lookupId").asText()).isEqualTo(admin.key().substring(3, 11));
    assertThat(array.get(1).get("lastUsedAt").isNull()).isTrue();
    assertThat(array.get(1).get("active").asBoolean()).isTrue();
    for (Created c : List.of(reader, admin, both)) {
      for (CliRun run : List.of(table, json)) {
        assertThat(run.out() + run.err()).doesNotContain(c.key()).doesNotContain(c.key().substring(12));
      }
    }
  }

  @Test
  void revoke_thenTheKeyIsRefused_andRevokingAgainSucceeds() {
    Created created = create("keys", "create", "--db", db(), "--name", "temporary", "--scope", "admin");
    assertThat(verify(created.key())).isPresent();

    CliRun revoke = CliRun.run("keys", "revoke", "--db", db(), created.id());
    CliRun again = CliRun.run("keys", "revoke", "--db", db(), created.id());

    assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    assertThat(revoke.out()).startsWith("Revoked API key " + created.id()).contains("'temporary'");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).startsWith("API key was already revoked: " + created.id());
    assertThat(verify(created.key())).isEmpty();
    JsonNode listed = CliRun.run("keys", "list", "--db", db(), "--output", "json").json();
    assertThat(listed.get(0).get("active").asBoolean()).isFalse();
    assertThat(listed.get(0).get("revokedAt").asText()).endsWith("Z");
  }

  @Test
  void revoke_unknownOrMalformedId_failsWithoutRepeatingAKey() {
    Created created = create("keys", "create", "--db", db(), "--name", "kept", "--scope", "read");

    CliRun unknown = CliRun.run("keys", "revoke", "--db", db(), "0f8fad5b-d9cb-469f-a165-70867728950e");
    CliRun pasted = CliRun.run("keys", "revoke", "--db", db(), created.key());

    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(unknown.firstErrLine()).contains("No API key with id '0f8fad5b-d9cb-469f-a165-70867728950e'");
    assertThat(pasted.exitCode()).as(pasted.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(pasted.firstErrLine()).contains("Invalid id: is not an API key id");
    assertThat(pasted.out() + pasted.err()).doesNotContain(created.key()).doesNotContain(created.key().substring(12));
    assertThat(verify(created.key())).isPresent();
  }

  @Test
  void create_badArguments_usageOrInputErrors() {
    CliRun noScope = CliRun.run("keys", "create", "--db", db(), "--name", "x");
    CliRun badScope = CliRun.run("keys", "create", "--db", db(), "--name", "x", "--scope", "read,owner");
    CliRun longName = CliRun.run("keys", "create", "--db", db(), "--name", "n".repeat(101), "--scope", "read");
    CliRun noCommand = CliRun.run("keys");

    assertThat(noScope.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(noScope.firstErrLine()).contains("--scope");
    assertThat(badScope.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(badScope.firstErrLine()).contains("owner");
    assertThat(longName.exitCode()).as(longName.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(longName.firstErrLine()).contains("Invalid name: must be at most 100 characters (was 101)");
    assertThat(noCommand.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(noCommand.firstErrLine()).contains("Missing command: use 'keys create', 'keys list' or 'keys revoke'");
    assertThat(CliRun.run("keys", "list", "--db", db()).out()).startsWith("No API keys.");
  }
}
