package dev.custintel.core.internal.generate;

/**
 * When in the day (UTC) orders are placed: few at night, a morning rise, a lunch bump and an evening peak around
 * 20:00, as web shops see. Immutable. Not API.
 */
public final class TimeOfDay {
  /** Relative orders per hour, 00:00 to 23:00. */
  private final WeightedChoice hours =
      new WeightedChoice(
          new double[] {
            0.45, 0.25, 0.15, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.6, 1.7, 1.7,
            1.9, 1.8, 1.6, 1.5, 1.5, 1.6, 1.9, 2.3, 2.5, 2.3, 1.6, 0.9
          });

  /**
   * @param sampler the random stream
   * @return a second of the day, 0 to 86,399
   */
  public int secondOfDay(Sampler sampler) {
    return hours.next(sampler) * 3600 + sampler.nextInt(3600);
  }
}
