package dev.custintel.examples.server;

import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo shop of the server, under {@code custintel.demo.*}: generated (as {@code custintel demo} generates it, to
 * yesterday) into a database that holds no order yet, followed by a first model run, before the server reports
 * ready. A database with orders is never touched, so a restart does not generate it again.
 *
 * @param enabled whether an empty database gets the demo shop
 * @param customers how many customers to generate, 1 to 10,000,000; each places about 10 orders
 * @param seed the random seed: the same seed and day give the same shop
 * @param months months of signups and orders, 1 to 120, ending yesterday
 * @param currency the shop's currency, which also decides where its customers live
 */
@ConfigurationProperties("custintel.demo")
public record DemoSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5000") int customers,
    @DefaultValue("42") long seed,
    @DefaultValue("24") int months,
    @DefaultValue("EUR") Currency currency) {}
