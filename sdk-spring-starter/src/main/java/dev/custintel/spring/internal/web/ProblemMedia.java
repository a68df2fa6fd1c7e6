package dev.custintel.spring.internal.web;

import org.springframework.http.MediaType;

/** The problem media type. */
final class ProblemMedia {
  /** {@code application/problem+json}. */
  static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private ProblemMedia() {}
}
