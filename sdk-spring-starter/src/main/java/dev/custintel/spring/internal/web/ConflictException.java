package dev.custintel.spring.internal.web;

/** The request conflicts with work already in progress, such as a second model refresh: 409. */
public final class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is in progress and what to do */
  public ConflictException(String message) {
    super(message);
  }
}
