package dev.custintel.examples.cli;

import dev.custintel.analytics.experiments.ExperimentStats;
import dev.custintel.core.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel experiments sample-size}: customers per arm to detect a change in conversion. No database. */
@Command(
    name = "sample-size",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the customers each of two equal arms needs for a two-sided two-proportion z-test to detect an absolute "
          + "change in conversion of --mde from --baseline, at significance --alpha and --power (the normal "
          + "approximation R's power.prop.test solves, rounded up), as JSON: {\"baselineRate\":..,"
          + "\"minimumDetectableEffect\":..,\"alpha\":..,\"power\":..,\"perArm\":N,\"total\":2N}. Needs no database."
    })
final class ExperimentsSampleSizeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--baseline", required = true, paramLabel = "RATE",
      description = "The control's expected conversion, between 0 and 1, such as 0.10")
  double baseline;

  @Option(names = "--mde", required = true, paramLabel = "EFFECT",
      description = "The absolute change to detect, such as 0.02 (2 points; negative for a drop)")
  double mde;

  @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
      description = "The two-sided significance level, between 0 and 1 (default 0.05)")
  double alpha;

  @Option(names = "--power", defaultValue = "0.8", paramLabel = "P",
      description = "The chance of detecting a real change, between 0 and 1 (default 0.8)")
  double power;

  @Override
  public Integer call() {
    long perArm;
    try {
      perArm = ExperimentStats.sampleSizePerArm(baseline, mde, alpha, power);
    } catch (InvalidInputException e) {
      String option = switch (e.field()) {
        case "baselineRate" -> "--baseline";
        case "minimumDetectableEffect" -> "--mde";
        default -> "--" + e.field().toLowerCase(Locale.ROOT);
      };
      throw new ParameterException(spec.commandLine(), option + ": " + e.reason());
    }
    Map<String, Object> m = Json.object();
    m.put("baselineRate", baseline);
    m.put("minimumDetectableEffect", mde);
    m.put("alpha", alpha);
    m.put("power", power);
    m.put("perArm", perArm);
    m.put("total", 2 * perArm);
    Json.print(spec.commandLine().getOut(), m);
    return CustintelCli.OK;
  }
}
