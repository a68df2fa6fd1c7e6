package dev.custintel.gorgias.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds the {@code Authorization} header to every request, asking a bearer-token supplier anew each time. The
 * only place the credentials meet a request. Not API.
 */
final class AuthInterceptor implements Interceptor {
  private final Auth auth;

  AuthInterceptor(Auth auth) {
    this.auth = auth;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", auth.headerValue()).build());
  }

  @Override
  public String toString() {
    return "AuthInterceptor[" + auth + "]";
  }
}
