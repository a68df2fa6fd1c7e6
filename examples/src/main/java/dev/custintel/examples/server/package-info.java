/**
 * A runnable REST server: {@link dev.custintel.examples.server.CustintelServer} is a Spring Boot application over
 * the Custintel starter, packaged as {@code examples/target/custintel-server.jar}, which fills an empty database
 * with the demo shop on its first start.
 */
@NullMarked
package dev.custintel.examples.server;

import org.jspecify.annotations.NullMarked;
