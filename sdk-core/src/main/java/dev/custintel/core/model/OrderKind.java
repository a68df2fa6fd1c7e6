package dev.custintel.core.model;

/** Whether an order is a sale or money going back to the customer. */
public enum OrderKind {
  /** A sale: the customer paid. */
  PURCHASE,
  /** A return, refund or cancellation of an earlier sale: its amounts are given back to the customer. */
  RETURN
}
