package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel experiments analyze}: an experiment's results now, as JSON. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an experiment's results as JSON. Only customers whose window after exposure has closed are measured: "
          + "each arm's exposed, measured, conversions, conversionRate, revenuePerCustomer and revenueVariance; each "
          + "treatment arm against the control by the two-proportion z-test (conversion) and Welch's t-test "
          + "(revenue per customer), with the difference, its confidence interval and p-value, and whether the "
          + "primary metric's difference is significant; pending (exposed, window still open); the sample-ratio "
          + "check of the exposed counts against the weights (a mismatch means assignment or logging is broken); "
          + "the sample size per arm that the minimum detectable effect needs at 80%% power; finished; the measured "
          + "uplift of the experiment's action once finished; and a summary.",
      "JSON: {\"experiment\":{..},\"asOf\":\"..\",\"currency\":\"USD\",\"arms\":[{\"arm\":0,\"name\":\"control\","
          + "\"weight\":1.0,\"exposed\":..,\"measured\":..,\"conversions\":..,\"conversionRate\":..,"
          + "\"revenuePerCustomer\":..,\"revenueVariance\":..},..],\"comparisons\":[{\"arm\":1,\"name\":..,"
          + "\"conversion\":{..,\"difference\":..,\"lower\":..,\"upper\":..,\"pValue\":..},\"revenue\":{..},"
          + "\"significant\":false},..],\"pending\":..,\"sampleRatio\":{..},\"sampleSizePerArm\":..,"
          + "\"finished\":false,\"measuredUplift\":null,\"summary\":\"..\"}."
    })
final class ExperimentsAnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id, as 'experiments list' shows it")
  long id;

  @Override
  public Integer call() {
    database.check(spec);
    try (CustomerIntelligence ci = database.open()) {
      Json.print(spec.commandLine().getOut(), ExperimentViews.view(ci.experiments().results(id)));
    }
    return CustintelCli.OK;
  }
}
