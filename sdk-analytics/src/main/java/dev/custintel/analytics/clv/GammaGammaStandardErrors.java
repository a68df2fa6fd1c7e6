package dev.custintel.analytics.clv;

/**
 * Asymptotic standard errors of the Gamma-Gamma maximum-likelihood estimates: square roots of the diagonal of
 * the inverse observed information. The Hessian is taken with respect to the log-parameters and mapped back with
 * the delta method, {@code se(θ) = θ · se(ln θ)}.
 *
 * @param p standard error of {@code p}
 * @param q standard error of {@code q}
 * @param gamma standard error of {@code γ}, in the model's currency unit
 */
public record GammaGammaStandardErrors(double p, double q, double gamma) {}
