package dev.custintel.examples.build;

import java.lang.management.ManagementFactory;

/** The main class of the jar that {@link ClassDataArchiveTest} runs through the launcher: prints what it was given. */
public final class LauncherProbe {
  private LauncherProbe() {}

  /**
   * Prints each argument on a line of its own as {@code arg:<value>}, then each JVM option as {@code jvm:<option>}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    for (String a : args) {
      System.out.println("arg:" + a);
    }
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      System.out.println("jvm:" + option);
    }
  }
}
