package dev.custintel.spring.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than a limit with 413, before they are read into memory: at once when
 * {@code Content-Length} says so, and while reading when the body is chunked.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
  private final long maxBytes;

  /** @param maxBytes the largest body accepted */
  public BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > maxBytes) {
      tooLarge(request, response);
      return;
    }
    chain.doFilter(length >= 0 ? request : new Limited(request, maxBytes), response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemWriter.write(response, Problems.PAYLOAD_TOO_LARGE,
        "The request body is larger than custintel.api.max-body-size (" + maxBytes + " bytes); send smaller batches.",
        request.getRequestURI());
  }

  /** Thrown while reading a chunked body past the limit; the problem handler answers 413. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long maxBytes) {
      super("The request body is larger than custintel.api.max-body-size (" + maxBytes + " bytes)");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long maxBytes;
    private @Nullable ServletInputStream stream;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > maxBytes) {
              throw new BodyTooLargeException(maxBytes);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int len) throws IOException {
            int n = in.read(buffer, offset, len);
            if (n > 0) {
              read += n;
              if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
              }
            }
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
