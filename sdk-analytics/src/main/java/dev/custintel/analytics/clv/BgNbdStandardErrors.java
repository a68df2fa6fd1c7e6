package dev.custintel.analytics.clv;

/**
 * Asymptotic standard errors of the BG/NBD maximum-likelihood estimates: square roots of the diagonal of the
 * inverse observed information (the Hessian of the negative log-likelihood at the optimum). The Hessian is taken
 * with respect to the log-parameters and mapped back with the delta method, {@code se(θ) = θ · se(ln θ)}; at
 * the optimum this equals the standard error from the Hessian in the parameters themselves.
 *
 * @param r standard error of {@code r}
 * @param alpha standard error of {@code α}, in the model's time unit
 * @param a standard error of {@code a}
 * @param b standard error of {@code b}
 */
public record BgNbdStandardErrors(double r, double alpha, double a, double b) {}
