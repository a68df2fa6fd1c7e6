/**
 * Spring Boot auto-configuration for Custintel: the {@link dev.custintel.CustomerIntelligence} facade over the
 * application's database, every client as REST under {@code /api}, admin endpoints under {@code /admin}, API-key
 * security, problem details, health indicators and metrics. Add the starter to a Spring Boot 4 application; every
 * bean backs off when the application defines its own. Settings are {@link dev.custintel.spring.CustintelProperties}.
 */
@NullMarked
package dev.custintel.spring;

import org.jspecify.annotations.NullMarked;
