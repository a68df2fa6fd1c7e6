package dev.custintel.spring.internal.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: background work of the starter never keeps the JVM alive after the context closes. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /**
   * @param name the threads' name, numbered from 1: {@code name-1}, {@code name-2}, ...
   * @return a factory of daemon threads so named
   */
  public static ThreadFactory named(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
