package dev.custintel.analytics.clv;

/**
 * Which customers a Gamma-Gamma fit used. The model describes the values of repeat transactions, so a customer
 * contributes to the likelihood only with at least one repeat transaction and a positive mean spend.
 *
 * @param fitted customers whose spend entered the likelihood ({@code x ≥ 1} and {@code z̄ > 0})
 * @param excludedNoRepeat customers left out because {@code x = 0}
 * @param excludedNonPositiveSpend customers left out because {@code x ≥ 1} but {@code z̄ ≤ 0}
 */
public record GammaGammaSampleCounts(int fitted, int excludedNoRepeat, int excludedNonPositiveSpend) {

  /** @return all customers left out of the fit */
  public int excluded() {
    return excludedNoRepeat + excludedNonPositiveSpend;
  }
}
