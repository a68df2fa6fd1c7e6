package dev.custintel.slack.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the bot token as a Bearer header to every request: the only place the token meets a request. Not API. */
final class BearerInterceptor implements Interceptor {
  private final String header;

  BearerInterceptor(String token) {
    this.header = "Bearer " + token;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", header).build());
  }

  @Override
  public String toString() {
    return "BearerInterceptor[(redacted)]";
  }
}
