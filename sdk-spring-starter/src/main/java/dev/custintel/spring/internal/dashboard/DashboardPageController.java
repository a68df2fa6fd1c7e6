package dev.custintel.spring.internal.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard page at {@value #PATH}: one HTML page, its script and its style sheet, read once from the starter's
 * jar ({@value #RESOURCES}). The page holds no data: its script asks for the API key, keeps it in the tab's
 * {@code sessionStorage}, reads the REST API with it and opens the dashboard socket with a one-use ticket. So the
 * page itself is public, outside the API key chain.
 *
 * <p>Every answer carries a strict {@code Content-Security-Policy} (nothing but this origin: no inline script or
 * style, no third-party host) and {@code Cache-Control: no-cache}, so that a new starter version is picked up at
 * once. The page learns the API's base path and the socket's path from two {@code meta} elements filled in here,
 * with the servlet context path in front.
 */
@Controller
@Hidden
public final class DashboardPageController {
  /** The page's path. */
  public static final String PATH = "/dashboard";
  /** Where the page's files are on the class path. */
  static final String RESOURCES = "dev/custintel/spring/dashboard/";
  /** The page's policy: this origin only; the socket's {@code ws:}/{@code wss:} for browsers that need it spelt. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:;"
      + " style-src 'self'; script-src 'self'; frame-ancestors 'self'";
  private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
  private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final String apiBasePath;
  private final String socketPath;
  private final String index;
  private final String script;
  private final String styles;

  /**
   * @param apiBasePath the REST API's base path, such as {@code /api}
   * @param socketPath the dashboard socket's path, such as {@code /ws/dashboard}
   */
  public DashboardPageController(String apiBasePath, String socketPath) {
    this.apiBasePath = trim(Objects.requireNonNull(apiBasePath, "apiBasePath"));
    this.socketPath = trim(Objects.requireNonNull(socketPath, "socketPath"));
    this.index = read("index.html");
    this.script = read("dashboard.js");
    this.styles = read("dashboard.css");
  }

  /**
   * @param request the request, for the servlet context path
   * @return the page, with the API's and the socket's paths filled in
   */
  @GetMapping(PATH)
  public ResponseEntity<String> page(HttpServletRequest request) {
    String context = request.getContextPath();
    String html = index
        .replace("{{api}}", HtmlUtils.htmlEscape(context + apiBasePath))
        .replace("{{socket}}", HtmlUtils.htmlEscape(context + socketPath))
        .replace("{{assets}}", HtmlUtils.htmlEscape(context + PATH));
    return answer(HTML, html);
  }

  /** @return the page's script */
  @GetMapping(PATH + "/dashboard.js")
  public ResponseEntity<String> script() {
    return answer(JAVASCRIPT, script);
  }

  /** @return the page's style sheet */
  @GetMapping(PATH + "/dashboard.css")
  public ResponseEntity<String> styles() {
    return answer(CSS, styles);
  }

  private static ResponseEntity<String> answer(MediaType type, String body) {
    return ResponseEntity.ok()
        .contentType(type)
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .body(body);
  }

  private static String read(String name) {
    ClassLoader loader = DashboardPageController.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("The dashboard's " + name + " is missing from the class path at "
            + RESOURCES + " (a broken starter jar?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the dashboard's " + name, e);
    }
  }

  private static String trim(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
