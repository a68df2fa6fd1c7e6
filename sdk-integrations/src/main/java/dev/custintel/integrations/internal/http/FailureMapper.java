package dev.custintel.integrations.internal.http;

import java.io.IOException;
import java.time.Duration;

/**
 * Turns what went wrong with a call into the client's own typed exception (a {@code GorgiasException} subtype, a
 * {@code SlackException} subtype...), so that the shared {@link HttpExecutor} never decides a message. The executor
 * asks for an exception when a failure happens and throws it only if it gives up; messages must never carry
 * credentials. Not API.
 */
public interface FailureMapper {

  /**
   * @param exchange an answer the executor retries: 429, or 5xx
   * @return the failure to throw if it is the last
   */
  RuntimeException status(Exchange exchange);

  /**
   * @param e why no answer came
   * @param attempts attempts sent so far, this one included
   * @return the failure to throw if it is the last
   */
  RuntimeException noResponse(IOException e, int attempts);

  /**
   * @param e the reason the request could not be prepared, such as credentials that could not be had
   * @param attempts attempts sent before this one
   */
  RuntimeException notSent(NotSentException e, int attempts);

  /**
   * @param e the interruption of a wait (the executor has restored the thread's interrupt flag)
   * @param attempts attempts sent so far
   */
  RuntimeException interrupted(InterruptedException e, int attempts);

  /**
   * @param wait how long until the client-side limit has room
   * @return the failure for a call the client-side limit refused before sending ({@link Admission.Refuse})
   */
  RuntimeException heldBack(Duration wait);
}
