package dev.custintel.analytics.clv;

/**
 * Asymptotic standard errors of the Pareto/NBD maximum-likelihood estimates: square roots of the diagonal of the
 * inverse observed information (the Hessian of the negative log-likelihood at the optimum), taken with respect to
 * the log-parameters and mapped back with the delta method, {@code se(θ) = θ · se(ln θ)}.
 *
 * @param r standard error of {@code r}
 * @param alpha standard error of {@code α}, in the model's time unit
 * @param s standard error of {@code s}
 * @param beta standard error of {@code β}, in the model's time unit
 */
public record ParetoNbdStandardErrors(double r, double alpha, double s, double beta) {}
