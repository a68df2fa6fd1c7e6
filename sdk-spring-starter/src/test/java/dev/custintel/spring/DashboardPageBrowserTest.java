package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.activity.ShopActivity;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.testing.SettableClock;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.HeadlessChromium;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page at {@code /dashboard} in a real headless Chromium, against a real server on H2 with the demo
 * shop and an active model run: the key asked for once and kept in the tab's sessionStorage, live tiles over the
 * socket (opened with a ticket), the panels matching the REST API they read, a question answered as
 * {@code POST /api/query} answers it, a refused key asked for again, and no JavaScript error in the console.
 *
 * <p>Screenshots of the whole page at 1280 and at 390 pixels go to {@code target/screenshots/} on every run, and to
 * the repository's {@code docs/screenshots/} too with {@code -Dcustintel.screenshots.update=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPageBrowserTest {
  private static final Instant NOW = Instant.parse("2026-12-06T17:30:00Z");
  private static final String KEY_ITEM = "custintel.apiKey";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String VIP_QUESTION = "Top 10 VIP customers this month";

  private HeadlessChromium browser;
  private TestDatabase database;
  private TestServer server;
  private SettableClock clock;
  private Map<String, String> reader;
  private String readKey;

  @BeforeAll
  void start() {
    // The browser first: without one the class is skipped before the shop is built.
    browser = HeadlessChromium.start();
    database = TestDatabase.h2();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      ShopGenerator.builder().seed(3L).customers(600).months(12).end(LocalDate.parse("2026-12-06")).build()
          .generate(2_000, batch -> ci.ingestion().ingest(batch));
      // The first run is the events' baseline; the run at the shop's end then alerts on the customers whose churn
      // risk rose past the alert level in the two months between, so that the alerts list has something to show.
      ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.parse("2026-10-06")).backtest(false).build());
      ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    }
    clock = new SettableClock(NOW);
    server = TestServer.start(Map.of("testClock", clock), "spring.datasource.url=" + database.jdbcUrl(),
        "custintel.dashboard.interval=PT1S");
    CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
    readKey = ci.store().apiKeys().create("dashboard reader", EnumSet.of(ApiKeyScope.READ)).key();
    reader = Map.of("X-API-Key", readKey);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private WebDriver driver() {
    return browser.driver();
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver(), WAIT, Duration.ofMillis(100));
  }

  private Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver()).executeScript(js, args);
  }

  private String text(String id) {
    return driver().findElement(By.id(id)).getText();
  }

  /**
   * @param expected the SEVERE messages this test causes on purpose (failed loads of refused calls)
   * @return those expected messages that were there
   */
  private List<String> assertNoJavaScriptErrors(Predicate<String> expected) {
    List<String> errors = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String m : browser.severeConsoleMessages()) {
      if (expected.test(m)) {
        seen.add(m);
      } else if (!m.contains("favicon.ico")) {
        errors.add(m);
      }
    }
    assertThat(errors).as("SEVERE messages in the browser console").isEmpty();
    return seen;
  }

  @Test
  @Order(1)
  void page_isPublicWithAStrictPolicy() {
    Response page = server.call("GET", "/dashboard", null, Map.of());
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'self'; connect-src 'self' ws: wss:;"
        + " img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'");
    assertThat(page.body()).contains("<meta name=\"custintel-api\" content=\"/api\">")
        .contains("<meta name=\"custintel-socket\" content=\"/ws/dashboard\">")
        .contains("src=\"/dashboard/dashboard.js\"")
        .doesNotContain("http://", "https://");

    Response js = server.call("GET", "/dashboard/dashboard.js", null, Map.of());
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).startsWith("text/javascript");
    assertThat(js.header("Cache-Control")).isEqualTo("no-cache");
    // The one address in the script is the SVG namespace, which is a name, not a request.
    assertThat(js.body().replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("innerHTML", "http://", "https://", "eval(");
    Response css = server.call("GET", "/dashboard/dashboard.css", null, Map.of());
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.contentType()).startsWith("text/css");
    assertThat(css.body()).doesNotContain("url(", "@import");
  }

  @Test
  @Order(2)
  void key_isAskedOnce_keptInSessionStorage_andNeverShown() {
    driver().get(server.base() + "/dashboard");
    WebElement input = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
    assertThat(driver().findElement(By.id("dashboard")).isDisplayed()).isFalse();
    browser.screenshot(1280, 1, false, () -> { }, Path.of("target", "screenshots", "dashboard-key.png"));

    input.sendKeys(readKey);
    driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
    assertThat(driver().findElement(By.id("key-panel")).isDisplayed()).isFalse();
    assertThat(script("return sessionStorage.getItem(arguments[0]);", KEY_ITEM)).isEqualTo(readKey);
    assertThat(driver().getCurrentUrl()).doesNotContain(readKey);
    assertThat(driver().getPageSource()).doesNotContain(readKey);
    assertThat(driver().findElement(By.id("key-input")).getAttribute("value")).isEmpty();

    // A reload keeps the key: the form is not shown again.
    driver().navigate().refresh();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
    assertThat(driver().findElement(By.id("key-panel")).isDisplayed()).isFalse();
    assertNoJavaScriptErrors(m -> false);
  }

  @Test
  @Order(3)
  void tiles_areUpdatedLiveOverTheSocket() {
    waiting().until(d -> "live".equals(d.findElement(By.id("conn-status")).getAttribute("data-state"))
        && !"–".equals(d.findElement(By.id("kpi-updated")).getText()));
    List<String> seen = new ArrayList<>(List.of(text("kpi-updated")));
    for (int i = 0; i < 2; i++) {
      // The server's clock moves, so the next snapshot carries a later "at": only a message that came over the
      // socket after this line can change the text.
      clock.advance(Duration.ofMinutes(1));
      String before = seen.get(seen.size() - 1);
      waiting().until(d -> !d.findElement(By.id("kpi-updated")).getText().equals(before));
      seen.add(text("kpi-updated"));
    }
    assertThat(seen).doesNotHaveDuplicates();

    ShopActivity activity = server.context().getBean(CustomerIntelligence.class).activity().now(ZoneOffset.UTC);
    assertThat(digits(text("kpi-active"))).isEqualTo(String.valueOf(activity.activeCustomers()));
    assertThat(digits(text("kpi-orders"))).isEqualTo(String.valueOf(activity.ordersToday()));
    assertThat(digits(text("kpi-risk"))).isEqualTo(String.valueOf(activity.highRiskCustomers()));
    assertThat(text("kpi-revenue")).isNotBlank().isNotEqualTo("–");

    List<CustomerEvent> alerts = server.context().getBean(CustomerIntelligence.class).events()
        .newest(Set.of(EventType.CHURN_RISK_ALERT), 10);
    assertThat(alerts).as("churn alerts of the second model run").isNotEmpty();
    List<WebElement> shown = driver().findElements(By.cssSelector("#churn-alerts li"));
    assertThat(shown).hasSize(alerts.size());
    assertThat(shown.get(0).findElement(By.className("alert-customer")).getText())
        .isEqualTo(alerts.get(0).customerId());
    assertNoJavaScriptErrors(m -> false);
  }

  private static String digits(String text) {
    return text.replaceAll("[^0-9]", "");
  }

  @Test
  @Order(4)
  void heatmap_hasOneRowPerCohortOfTheApi() {
    JsonNode cohorts = get("/api/cohorts?period=month").path("cohorts");
    assertThat(cohorts.size()).as("cohorts of the demo shop").isGreaterThan(3);
    List<String> labels = new ArrayList<>();
    cohorts.forEach(c -> labels.add(c.path("label").asText()));

    waiting().until(d -> !d.findElements(By.cssSelector("#cohort-heatmap tbody tr[data-cohort]")).isEmpty());
    List<String> rows = driver().findElements(By.cssSelector("#cohort-heatmap tbody tr")).stream()
        .map(r -> r.getAttribute("data-cohort")).toList();
    assertThat(rows).containsExactlyElementsOf(labels);
    WebElement first = driver().findElement(By.cssSelector("#cohort-heatmap tbody tr td.heat"));
    assertThat(first.getText()).isEqualTo("100%");
    assertNoJavaScriptErrors(m -> false);
  }

  @Test
  @Order(5)
  void atRiskAffinityAndForecast_showWhatTheApiAnswers() {
    JsonNode atRisk = get("/api/campaigns/retention?minRisk=0.5&limit=10").path("customers");
    JsonNode rules = get("/api/affinity/rules?limit=10&orderBy=lift");
    assertThat(atRisk.size()).as("at-risk customers of the demo shop").isPositive();
    assertThat(rules.size()).as("affinity rules of the demo shop").isPositive();

    waiting().until(d -> !d.findElements(By.cssSelector("#at-risk tbody tr[data-customer]")).isEmpty()
        && d.findElements(By.cssSelector("#affinity-rules tbody tr.loading")).isEmpty()
        && !d.findElements(By.cssSelector("#affinity-rules tbody tr")).isEmpty());
    List<WebElement> customers = driver().findElements(By.cssSelector("#at-risk tbody tr[data-customer]"));
    assertThat(customers).hasSize(atRisk.size());
    assertThat(customers.get(0).getAttribute("data-customer")).isEqualTo(atRisk.path(0).path("customerId").asText());
    assertThat(driver().findElements(By.cssSelector("#affinity-rules tbody tr"))).hasSize(rules.size());

    waiting().until(d -> !d.findElements(By.cssSelector("#forecast-chart path.line-expected")).isEmpty());
    assertThat(driver().findElements(By.cssSelector("#forecast-chart path.line-actual"))).hasSize(1);
    assertThat(driver().findElements(By.cssSelector("#forecast-chart path.line-predicted"))).hasSize(1);
    assertThat(driver().findElements(By.cssSelector("#forecast-chart polygon.band"))).hasSize(1);
    assertThat(driver().findElements(By.cssSelector("#forecast-chart text.axis-label")).size()).isGreaterThan(4);
    assertNoJavaScriptErrors(m -> false);
  }

  @Test
  @Order(6)
  void question_showsTheRowsThatPostApiQueryAnswers() {
    JsonNode direct = asked(VIP_QUESTION);
    assertThat(direct.path("rows").size()).isEqualTo(10);

    WebElement input = driver().findElement(By.id("ask-input"));
    input.clear();
    input.sendKeys(VIP_QUESTION);
    driver().findElement(By.cssSelector("#ask-form button[type=submit]")).click();

    waiting().until(d -> d.findElements(By.cssSelector("#ask-rows tbody tr")).size() == 10);
    assertThat(text("ask-understood")).isEqualTo(direct.path("understood").asText());
    assertThat(text("ask-answer")).isEqualTo(direct.path("answer").asText());
    WebElement firstCustomer = driver().findElement(
        By.cssSelector("#ask-rows tbody tr:first-child td[data-column=customerId]"));
    assertThat(firstCustomer.getText()).isEqualTo(direct.path("rows").path(0).path("customerId").asText());
    assertNoJavaScriptErrors(m -> false);
  }

  @Test
  @Order(7)
  void unknownQuestion_offersTheSuggestionsAsChips_thatAsk() {
    String question = "what's the weather in Paris";
    JsonNode direct = asked(question);
    assertThat(direct.path("understood").isNull()).isTrue();
    List<String> suggestions = new ArrayList<>();
    direct.path("suggestions").forEach(n -> suggestions.add(n.asText()));
    assertThat(suggestions).isNotEmpty();

    WebElement input = driver().findElement(By.id("ask-input"));
    input.clear();
    input.sendKeys(question);
    driver().findElement(By.cssSelector("#ask-form button[type=submit]")).click();

    waiting().until(d -> !d.findElements(By.cssSelector("#ask-suggestions .chip")).isEmpty());
    List<WebElement> chips = driver().findElements(By.cssSelector("#ask-suggestions .chip"));
    assertThat(chips).extracting(WebElement::getText).containsExactlyElementsOf(suggestions);
    assertThat(driver().findElement(By.id("ask-rows")).isDisplayed()).isFalse();

    chips.get(0).click();
    waiting().until(d -> d.findElements(By.cssSelector("#ask-suggestions .chip")).isEmpty()
        && !d.findElements(By.cssSelector("#ask-rows tbody tr")).isEmpty());
    assertThat(text("ask-understood")).isEqualTo(asked(suggestions.get(0)).path("understood").asText());
    assertThat(driver().findElement(By.id("ask-input")).getAttribute("value")).isEqualTo(suggestions.get(0));

    // Back to the VIP question for the screenshots.
    String vip = asked(VIP_QUESTION).path("understood").asText();
    input.clear();
    input.sendKeys(VIP_QUESTION);
    driver().findElement(By.cssSelector("#ask-form button[type=submit]")).click();
    waiting().until(d -> d.findElement(By.id("ask-understood")).getText().equals(vip));
    assertNoJavaScriptErrors(m -> false);
  }

  private JsonNode asked(String question) {
    return server.call("POST", "/api/query", "{\"query\":\"" + question + "\"}", reader).json();
  }

  @Test
  @Order(8)
  void screenshots_atLaptopAndPhoneWidths() {
    Path target = Path.of("target", "screenshots");
    boolean update = Boolean.getBoolean("custintel.screenshots.update");
    Path docs = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/screenshots")
        .normalize();
    List<Path> wide = new ArrayList<>(List.of(target.resolve("dashboard.png")));
    List<Path> phone = new ArrayList<>(List.of(target.resolve("dashboard-phone.png")));
    if (update) {
      wide.add(docs.resolve("dashboard.png"));
      phone.add(docs.resolve("dashboard-phone.png"));
    }

    browser.screenshot(1280, 1, false, () -> chartWidthAtMost(1280), wide.toArray(Path[]::new));
    browser.screenshot(390, 2, true, () -> chartWidthAtMost(390), phone.toArray(Path[]::new));

    assertThat(target.resolve("dashboard.png")).isNotEmptyFile();
    assertThat(target.resolve("dashboard-phone.png")).isNotEmptyFile();
    assertNoJavaScriptErrors(m -> false);
  }

  /** The chart is redrawn for its box's width after a resize (debounced): waits until it fits. */
  private void chartWidthAtMost(int width) {
    waiting().until(d -> {
      Object w = script("var s = document.getElementById('forecast-chart');"
          + " return s && s.getAttribute('width') ? Number(s.getAttribute('width')) : 0;");
      return w instanceof Number n && n.intValue() > 0 && n.intValue() < width;
    });
    // Let the layout and the chart settle after the last redraw.
    script("return new Promise(function (resolve) { setTimeout(resolve, 300); });");
  }

  @Test
  @Order(9)
  void refusedKey_isForgotten_andAskedForAgain() {
    script("sessionStorage.setItem(arguments[0], arguments[1]);", KEY_ITEM, "not-a-key-0123456789");
    driver().navigate().refresh();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
    waiting().until(d -> script("return sessionStorage.getItem(arguments[0]);", KEY_ITEM) == null);
    assertThat(text("key-message")).contains("Please enter another one");
    assertThat(driver().findElement(By.id("dashboard")).isDisplayed()).isFalse();
    assertThat(driver().getPageSource()).doesNotContain("not-a-key-0123456789");
    // The refused calls themselves are logged by the browser as failed loads; nothing else may be. That they are
    // there also shows that the console is read at all.
    assertThat(assertNoJavaScriptErrors(m -> m.matches("(?s).*the server responded with a status of 40[13].*")))
        .isNotEmpty();

    // And a good key brings the dashboard back.
    driver().findElement(By.id("key-input")).sendKeys(readKey);
    driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();
    waiting().until(d -> "live".equals(d.findElement(By.id("conn-status")).getAttribute("data-state")));
    assertThat(script("return sessionStorage.getItem(arguments[0]);", KEY_ITEM)).isEqualTo(readKey);
    assertNoJavaScriptErrors(m -> false);
  }

  @Test
  @Order(10)
  void withoutAModelRun_thePanelsShowTheProblemsDetail() {
    try (TestDatabase empty = TestDatabase.h2();
        TestServer bare = TestServer.start(Map.of("testClock", new SettableClock(NOW)),
            "spring.datasource.url=" + empty.jdbcUrl(), "custintel.dashboard.interval=PT1S")) {
      String key = bare.context().getBean(CustomerIntelligence.class).store().apiKeys()
          .create("bare reader", EnumSet.of(ApiKeyScope.READ)).key();
      Response forecast = bare.call("GET", "/api/forecast?horizon=12&period=week&backtest=true", null,
          Map.of("X-API-Key", key));
      assertThat(forecast.status()).as(forecast.toString()).isIn(404, 409);
      String detail = forecast.json().path("detail").asText();
      assertThat(detail).isNotBlank();

      // Another origin: a fresh sessionStorage, so the key is asked for.
      driver().get(bare.base().replace("127.0.0.1", "localhost") + "/dashboard");
      waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input"))).sendKeys(key);
      driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();

      waiting().until(d -> d.findElement(By.id("forecast-notice")).isDisplayed()
          && d.findElement(By.id("at-risk-notice")).isDisplayed()
          && d.findElement(By.id("affinity-notice")).isDisplayed());
      assertThat(text("forecast-notice")).isEqualTo(detail);
      assertThat(text("at-risk-notice")).isNotBlank();
      assertThat(text("affinity-notice")).isNotBlank();
      assertThat(driver().findElement(By.id("forecast-chart-box")).isDisplayed()).isFalse();
      // The live figures need no model run.
      waiting().until(d -> "live".equals(d.findElement(By.id("conn-status")).getAttribute("data-state"))
          && "0".equals(d.findElement(By.id("kpi-orders")).getText()));
      browser.screenshot(1280, 1, false, () -> { }, Path.of("target", "screenshots", "dashboard-no-model.png"));
      // The problems themselves are logged by the browser as failed loads; nothing else may be.
      assertNoJavaScriptErrors(m -> m.matches("(?s).*the server responded with a status of 40[49].*"));
    }
  }

  private JsonNode get(String path) {
    Response r = server.call("GET", path, null, reader);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }
}
