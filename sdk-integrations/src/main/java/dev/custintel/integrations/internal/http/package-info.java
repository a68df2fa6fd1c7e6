/**
 * The HTTP layer the Gorgias and Slack clients share: argument checks, the retry policy and the OkHttp client's
 * life. Not API.
 */
@NullMarked
package dev.custintel.integrations.internal.http;

import org.jspecify.annotations.NullMarked;
