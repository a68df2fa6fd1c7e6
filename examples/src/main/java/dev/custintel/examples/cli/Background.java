package dev.custintel.examples.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A computation on a thread of its own while the calling thread does other work: for a command whose independent
 * parts together take longer than the slowest alone (such as {@code clv fit}'s Pareto/NBD, the slowest of its four
 * models), so that on two or more cores it takes about the time of the slowest part. The result does not depend on
 * the schedule. The thread is a daemon: a command that fails on its own thread does not wait for it to exit.
 *
 * @param <T> the result's type
 */
final class Background<T> {
  private final FutureTask<T> task;

  private Background(FutureTask<T> task) {
    this.task = task;
  }

  /**
   * Starts a computation.
   *
   * @param name the thread's name
   * @param work the computation
   * @param <T> its result's type
   * @return the running computation
   */
  static <T> Background<T> start(String name, Supplier<T> work) {
    FutureTask<T> task = new FutureTask<>(work::get);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return new Background<>(task);
  }

  /**
   * Waits for the result.
   *
   * @return the computation's result
   * @throws RuntimeException or {@link Error}: what the computation threw, as it threw it
   */
  T join() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          // Finish waiting (the computation is bounded) and keep the interrupt for the caller.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
