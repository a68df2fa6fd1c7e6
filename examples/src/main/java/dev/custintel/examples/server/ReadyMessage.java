package dev.custintel.examples.server;

import dev.custintel.core.store.Credentials;
import java.io.PrintStream;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Prints, once the server is ready (after the demo shop, when one is made), where it listens, where its
 * documentation is and how to get an API key. On standard output, beside the bootstrap admin key the starter prints
 * there on a first start; no key or password is ever part of it.
 */
final class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {
  private final Environment environment;
  private final PrintStream console;

  ReadyMessage(Environment environment, PrintStream console) {
    this.environment = environment;
    this.console = console;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    console.print(message());
    console.flush();
  }

  /** @return the message, one line per fact */
  String message() {
    String address = environment.getProperty("server.address");
    String host = address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
        ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    String base = "http://" + host + ":" + environment.getProperty("local.server.port",
        environment.getProperty("server.port", "8080")) + (contextPath.equals("/") ? "" : contextPath);
    String api = environment.getProperty("custintel.api.base-path", "/api");
    String admin = environment.getProperty("custintel.api.admin-path", "/admin");
    String url = environment.getProperty("spring.datasource.url");
    String database = url != null && !url.isBlank() ? Credentials.mask(url)
        : "jdbc:h2:file:" + Path.of(environment.getProperty("custintel.embedded.directory", "custintel-data"))
            .toAbsolutePath().resolve("custintel");
    StringBuilder m = new StringBuilder()
        .append("Custintel server ready at ").append(base).append('\n')
        .append("  REST API:  ").append(base).append(api).append(" and ").append(base).append(admin)
        .append(" (OpenAPI at ").append(base).append("/v3/api-docs)\n")
        .append("  Docs:      ").append(base).append("/swagger-ui.html\n")
        .append("  Health:    ").append(base).append("/actuator/health\n")
        .append("  Database:  ").append(database).append('\n');
    if (!environment.getProperty("custintel.security.enabled", Boolean.class, true)) {
      m.append("  API keys:  off (custintel.security.enabled=false): anyone who can reach the port may call it\n");
    } else {
      m.append("  API keys:  send one as the X-API-Key header. The admin key was printed above on the first start "
              + "(only then);\n")
          .append("             or set custintel.security.bootstrap-admin-key=<key> before a first start;\n")
          .append("             or POST ").append(admin).append("/keys with an admin key; or, with the server "
              + "stopped when on H2:\n")
          .append("             java -jar examples/target/custintel.jar keys create --db ").append(database)
          .append(" --name NAME --scope read\n");
      if (url != null && !url.isBlank() && environment.getProperty("spring.datasource.username") != null) {
        m.append("             (the CLI takes the user and password in the URL: add user=...&password=... to it)\n");
      }
    }
    return m.toString();
  }
}
