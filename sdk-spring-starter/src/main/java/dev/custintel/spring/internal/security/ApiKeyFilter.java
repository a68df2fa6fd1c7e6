package dev.custintel.spring.internal.security;

import dev.custintel.core.DataAccessException;
import dev.custintel.spring.internal.web.ProblemHandler;
import dev.custintel.spring.internal.web.ProblemWriter;
import dev.custintel.spring.internal.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code X-API-Key}. No header: the request goes on unauthenticated, and the authorization rules answer 401.
 * An unknown, malformed or revoked key: 403 at once. A valid key past its rate limit: 429 with {@code Retry-After}.
 * A key that cannot be checked because the database is away: 503 with {@code Retry-After}, as any request that
 * needs the database.
 * Otherwise the request is authenticated as the key, with an authority {@code SCOPE_<scope>} per scope it holds
 * (scopes are hierarchical: admin holds write and read, write holds read). On the dashboard socket's handshake a
 * {@code ticket} parameter from {@link DashboardTickets} stands for the key it was issued to, once.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
  /** The header that carries the key. */
  public static final String HEADER = "X-API-Key";
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);

  private final KeyVerifier verifier;
  private final RateLimiter limiter;
  private final @Nullable DashboardTickets tickets;
  private final String socketPath;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  /**
   * @param verifier the key's holder for a presented key, empty when it is not valid
   * @param limiter the per-key rate limit
   */
  public ApiKeyFilter(KeyVerifier verifier, RateLimiter limiter) {
    this(verifier, limiter, null, "");
  }

  /**
   * @param verifier the key's holder for a presented key, empty when it is not valid
   * @param limiter the per-key rate limit
   * @param tickets the dashboard socket's one-use tickets, or null when the socket takes keys only
   * @param socketPath the path of the dashboard socket's handshake, where a {@code ticket} parameter stands for a key
   */
  public ApiKeyFilter(KeyVerifier verifier, RateLimiter limiter, @Nullable DashboardTickets tickets,
      String socketPath) {
    this.verifier = verifier;
    this.limiter = limiter;
    this.tickets = tickets;
    this.socketPath = socketPath;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    String ticket = request.getParameter(DashboardTickets.PARAMETER);
    if ((presented == null || presented.isEmpty()) && tickets != null && ticket != null
        && request.getRequestURI().equals(request.getContextPath() + socketPath)) {
      Optional<KeyPrincipal> holder = tickets.redeem(ticket);
      if (holder.isEmpty()) {
        ProblemWriter.write(response, Problems.INVALID_API_KEY, "The ticket is unknown, used or expired: ask POST "
            + "/api/dashboard/tickets for a new one.", request.getRequestURI());
        return;
      }
      authenticated(holder.get(), request, response, chain);
      return;
    }
    if (presented == null || presented.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<KeyPrincipal> key;
    try {
      key = verifier.verify(presented.trim());
    } catch (DataAccessException e) {
      // Filters run before the controllers' problem handler: answer as it does, never with the container's page.
      boolean down = ProblemHandler.unavailable(e);
      String reference = UUID.randomUUID().toString();
      if (down) {
        LOG.warn("Database unavailable while verifying an API key ({}): {}", reference, e.getMessage());
        response.setHeader("Retry-After", "5");
      } else {
        LOG.error("Verifying an API key failed ({})", reference, e);
      }
      ProblemWriter.write(response, down ? Problems.DATABASE_UNAVAILABLE : Problems.INTERNAL, (down
          ? "The database cannot be reached to verify the API key; try again shortly"
          : "The API key could not be verified") + " (reference " + reference + ").", request.getRequestURI());
      return;
    }
    if (key.isEmpty()) {
      ProblemWriter.write(response, Problems.INVALID_API_KEY,
          "The " + HEADER + " header holds no valid key: it is unknown, malformed or revoked.",
          request.getRequestURI());
      return;
    }
    authenticated(key.get(), request, response, chain);
  }

  private void authenticated(KeyPrincipal key, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    long retryAfter = limiter.acquire(key.id());
    if (retryAfter > 0) {
      response.setHeader("Retry-After", Long.toString(retryAfter));
      ProblemWriter.write(response, Problems.RATE_LIMITED,
          "This key has used its requests for now; retry after " + retryAfter + " s.", request.getRequestURI());
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new KeyAuthentication(key));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }

  /**
   * The holder of a valid key.
   *
   * @param id the key's id
   * @param name the key's name
   * @param scopes the scopes it holds, expanded: {@code read}, {@code write}, {@code admin}
   */
  public record KeyPrincipal(String id, String name, List<String> scopes) {
    @Override
    public String toString() {
      return "ApiKey[" + id + " " + name + " " + scopes + "]";
    }
  }

  private static final class KeyAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final KeyPrincipal principal;

    KeyAuthentication(KeyPrincipal principal) {
      super(principal.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList());
      this.principal = principal;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return principal;
    }

    @Override
    public String getName() {
      return principal.id();
    }
  }
}
