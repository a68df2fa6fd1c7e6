package dev.custintel.gorgias.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J binding for the tests that keeps every line in {@link CapturedLogs} instead of printing it, so tests
 * can assert on what was logged. Our loggers ({@code dev.custintel.*}) log at every level, so even TRACE and DEBUG
 * lines are checked for secrets; others (Jetty, WireMock) from WARN up. Registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final boolean ours;

    CapturingLogger(String name) {
      this.name = name;
      this.ours = name.startsWith("dev.custintel");
    }

    @Override
    public boolean isTraceEnabled() {
      return ours;
    }

    @Override
    public boolean isDebugEnabled() {
      return ours;
    }

    @Override
    public boolean isInfoEnabled() {
      return ours;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
      StringBuilder line = new StringBuilder(level.name()).append(' ').append(name).append(" - ")
          .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
      for (Throwable t = throwable; t != null; t = t.getCause()) {
        line.append(" | ").append(t);
      }
      CapturedLogs.add(line.toString());
    }
  }
}
