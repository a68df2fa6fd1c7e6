package dev.custintel.spring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} driven headless through its {@code chromedriver}, both at fixed paths (system properties
 * {@code custintel.chromium} and {@code custintel.chromedriver} move them), so that Selenium Manager never downloads
 * a browser or a driver. Without them the calling test is skipped, unless {@code custintel.requireBrowser=true}
 * (system property) or {@code CUSTINTEL_REQUIRE_BROWSER=true} (environment), which make it fail.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Debian's browser. */
  public static final Path BROWSER = Path.of(System.getProperty("custintel.chromium", "/usr/bin/chromium"));
  /** Debian's driver for it (package chromium-driver). */
  public static final Path DRIVER = Path.of(System.getProperty("custintel.chromedriver", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts the browser at 1280 by 2000 pixels with its console recorded. Skips the calling test when the browser
   * or the driver is missing (fails instead when a browser is required, see the class comment).
   *
   * @return the running browser
   */
  public static HeadlessChromium start() {
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      String message = "No headless browser: " + String.join(" and ", missing) + " missing (Debian packages chromium"
          + " and chromium-driver)";
      if (required()) {
        throw new IllegalStateException(message + " (CUSTINTEL_REQUIRE_BROWSER / custintel.requireBrowser is true,"
            + " so this test fails instead of being skipped)");
      }
      Assumptions.abort(message + " (set CUSTINTEL_REQUIRE_BROWSER=true to fail instead of skipping)");
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2000",
        "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
    return new HeadlessChromium(driver);
  }

  /** @return the driver */
  public ChromeDriver driver() {
    return driver;
  }

  /**
   * @return the console's messages at level SEVERE since the last call (JavaScript errors, failed loads), each as
   *     its source and text; reading them empties the browser's buffer
   */
  public List<String> severeConsoleMessages() {
    List<String> severe = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(e.getMessage());
      }
    }
    return severe;
  }

  /**
   * Writes a screenshot of the whole page, not only the window, as the page lays out at a width.
   *
   * @param width the viewport's width in CSS pixels, such as 1280 or 390
   * @param scale device pixels per CSS pixel (2 for a phone's screen)
   * @param mobile whether to emulate a phone (the viewport meta tag applies)
   * @param settle waits until the page has laid out again at this width, such as a chart redrawn on resize
   * @param files where to write the PNG
   */
  public void screenshot(int width, double scale, boolean mobile, Runnable settle, Path... files) {
    try {
      metrics(width, 900, scale, mobile);
      settle.run();
      Number height = (Number) driver.executeScript(
          "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));");
      metrics(width, Math.max(600, height.intValue()), scale, mobile);
      settle.run();
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
          Map.of("format", "png", "captureBeyondViewport", false));
      byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
      for (Path file : files) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  private void metrics(int width, int height, double scale, boolean mobile) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static boolean required() {
    return Boolean.parseBoolean(System.getProperty("custintel.requireBrowser", "false"))
        || "true".equalsIgnoreCase(System.getenv("CUSTINTEL_REQUIRE_BROWSER"));
  }
}
