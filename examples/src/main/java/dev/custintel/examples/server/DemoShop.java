package dev.custintel.examples.server;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.InsufficientDataException;
import dev.custintel.analytics.models.ModelFitException;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.generate.GeneratedShop;
import dev.custintel.core.generate.ShopGenerator;
import java.time.LocalDate;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Fills a database that holds no order with the demo shop, then runs the models once. An application runner: it runs
 * after the web server has started and before Spring Boot publishes readiness, so {@code /actuator/health/readiness}
 * answers {@code OUT_OF_SERVICE} (and the ready message waits) until the shop and its model run are in; a failure to
 * store the shop stops the server. A shop too small for the models is served without a run.
 */
final class DemoShop implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoShop.class);
  private static final int BATCH_SIZE = 2_000;

  private final CustomerIntelligence ci;
  private final DemoSettings settings;

  DemoShop(CustomerIntelligence ci, DemoSettings settings) {
    this.ci = ci;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!settings.enabled()) {
      return;
    }
    if (hasOrders()) {
      LOG.info("The database holds orders: no demo shop (custintel.demo.enabled only fills an empty database)");
      return;
    }
    LocalDate end = LocalDate.now(ci.clock()).minusDays(1);
    ShopGenerator generator = ShopGenerator.builder()
        .seed(settings.seed())
        .customers(settings.customers())
        .months(settings.months())
        .end(end)
        .currency(settings.currency())
        .build();
    LOG.info("The database holds no order: generating the demo shop ({} customers, {} months to {}, seed {}); the "
        + "server reports ready when it and its first model run are in", settings.customers(), settings.months(),
        end, settings.seed());
    long start = System.nanoTime();
    GeneratedShop shop = generator.generate(BATCH_SIZE, batch -> ci.ingestion().ingest(batch));
    LOG.info(String.format(Locale.ROOT, "Demo shop stored in %.1f s: %,d customers, %,d orders, %,d returns",
        (System.nanoTime() - start) / 1e9, shop.customers(), shop.orders(), shop.returns()));
    start = System.nanoTime();
    try {
      ModelRun run = ci.models().refresh();
      LOG.info(String.format(Locale.ROOT, "Model run %d on the demo shop in %.1f s", run.id(),
          (System.nanoTime() - start) / 1e9));
    } catch (InvalidInputException | InsufficientDataException | ModelFitException e) {
      LOG.warn("The models could not be fitted on the demo shop, which is served without a model run: {}",
          e.getMessage());
    }
  }

  /** @return whether any customer has a purchase */
  private boolean hasOrders() {
    return !ci.customers().query(CustomerQuery.builder().limit(1).build()).items().isEmpty();
  }
}
