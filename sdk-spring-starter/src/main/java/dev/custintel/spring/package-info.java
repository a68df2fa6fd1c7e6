/**
 * Spring Boot auto-configuration for Custintel: the {@link dev.custintel.CustomerIntelligence} facade over the
 * application's database, every client as REST under {@code /api}, admin endpoints under {@code /admin}, API-key
 * security, problem details, health indicators and metrics, and, when configured, the Gorgias client and the Slack
 * events endpoint at {@code /slack/events} ({@link dev.custintel.spring.CustintelIntegrationsAutoConfiguration}).
 * Add the starter to a Spring Boot 4 application; every bean backs off when the application defines its own.
 * Settings are {@link dev.custintel.spring.CustintelProperties}.
 */
@NullMarked
package dev.custintel.spring;

import org.jspecify.annotations.NullMarked;
