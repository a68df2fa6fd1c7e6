package dev.custintel.analytics.clv;

import java.util.List;

/**
 * Why a customer's value is what it is: the difference from the reference customer's value, split over the four
 * characteristics the models use.
 *
 * @param value the customer's value (as {@link CustomerValue#value()})
 * @param referenceValue the reference customer's value under the same model and options
 * @param reference the reference customer
 * @param drivers one per {@link ValueDriver.Factor}, largest absolute effect first; effects sum to
 *     {@code value − referenceValue}
 */
public record ValueDrivers(double value, double referenceValue, ReferenceCustomer reference, List<ValueDriver> drivers) {

  /** Copies the list so the record is immutable. */
  public ValueDrivers {
    drivers = List.copyOf(drivers);
  }
}
