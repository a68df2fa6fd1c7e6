/**
 * The HTTP layer the Gorgias and Slack clients share: argument checks, the one send-and-retry loop
 * ({@link dev.custintel.integrations.internal.http.HttpExecutor}), the client-side rate limiter, the retry policy
 * and the OkHttp client's life. Each client supplies what differs (how to read an answer, which typed exception a
 * failure becomes, which meters to record) through small interfaces. Not API.
 */
@NullMarked
package dev.custintel.integrations.internal.http;

import org.jspecify.annotations.NullMarked;
