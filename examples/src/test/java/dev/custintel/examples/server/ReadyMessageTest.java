package dev.custintel.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The ready message for each kind of setting, without a server: addresses, paths, databases, security off. */
class ReadyMessageTest {

  private static String message(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
    return new ReadyMessage(environment, System.out).message();
  }

  @Test
  void defaults_localhostOn8080_embeddedDatabase_keys() {
    String m = message(Map.of());
    assertThat(m).startsWith("Custintel server ready at http://localhost:8080\n")
        .contains("  Docs:      http://localhost:8080/swagger-ui.html\n")
        .contains("  Health:    http://localhost:8080/actuator/health\n")
        .contains("http://localhost:8080/api and http://localhost:8080/admin")
        .contains("  Database:  jdbc:h2:file:" + Path.of("custintel-data").toAbsolutePath().resolve("custintel") + "\n")
        .contains("X-API-Key", "custintel.security.bootstrap-admin-key=<key>", "POST /admin/keys",
            "java -jar examples/target/custintel.jar keys create --db jdbc:h2:file:")
        .doesNotContain("user=...");
  }

  @Test
  void anyAddress_portContextPathAndApiPaths_areThoseSet() {
    String m = message(Map.of("server.address", "0.0.0.0", "local.server.port", "9191",
        "server.servlet.context-path", "/ci", "custintel.api.base-path", "/v1", "custintel.api.admin-path", "/ops"));
    assertThat(m).startsWith("Custintel server ready at http://localhost:9191/ci\n")
        .contains("http://localhost:9191/ci/v1 and http://localhost:9191/ci/ops")
        .contains("http://localhost:9191/ci/swagger-ui.html")
        .contains("POST /ops/keys");
    assertThat(message(Map.of("server.address", "::1", "server.port", "8443")))
        .startsWith("Custintel server ready at http://[::1]:8443\n");
  }

  @Test
  void datasourceWithUser_showsTheMaskedUrl_andSaysTheCliWantsCredentialsInIt() {
    String m = message(Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/shop?password=s3cret-pw",
        "spring.datasource.username", "app", "spring.datasource.password", "other-s3cret"));
    assertThat(m).contains("  Database:  jdbc:postgresql://db:5432/shop?password=")
        .contains("add user=...&password=...")
        .doesNotContain("s3cret-pw").doesNotContain("other-s3cret");
  }

  @Test
  void securityOff_saysSo_andPrintsNoKeyAdvice() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test",
        Map.of("custintel.security.enabled", "false")));
    new ReadyMessage(environment, new PrintStream(out, true, StandardCharsets.UTF_8)).onApplicationEvent(null);
    String m = out.toString(StandardCharsets.UTF_8);
    assertThat(m).contains("API keys:  off (custintel.security.enabled=false)").doesNotContain("keys create");
  }
}
