package dev.custintel.analytics.clv;

/**
 * How a maximum-likelihood fit went.
 *
 * @param iterations minimiser iterations used; for a BG/NBD, modified BG/NBD or Gamma-Gamma fit on 65,536
 *     distinct summaries or more, those of the first search, over every k-th of them, that gives the search over
 *     all of them its start are included
 * @param gradientNorm Euclidean norm of the gradient of the mean negative log-likelihood per customer with
 *     respect to the log-parameters, at the returned estimates
 * @param converged true when {@code gradientNorm} fell below the requested tolerance within the iteration
 *     budget; when false the estimates are the best point found and should be treated with suspicion
 * @param distinctSummaries number of distinct input summaries the likelihood was evaluated on ({@code (x, t_x, T)}
 *     for the purchase models, {@code (x, z̄)} for Gamma-Gamma)
 *     after compression
 */
public record FitDiagnostics(int iterations, double gradientNorm, boolean converged, int distinctSummaries) {}
