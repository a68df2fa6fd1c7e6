package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.experiments.AssignmentPage;
import dev.custintel.analytics.experiments.ExperimentAssignment;
import dev.custintel.analytics.experiments.ExperimentsClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel experiments assign}: customers' arms in an experiment, as JSON or CSV. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description = {
      "Prints customers' arms in an experiment. A customer's arm is fixed by the experiment's name and the "
          + "customer's id alone: the same on every call and in every process, and nothing is written (record who "
          + "was actually exposed with 'experiments expose').",
      "With CUSTOMER ids: a JSON array of {\"experimentId\":..,\"customerId\":..,\"arm\":1,\"armName\":"
          + "\"treatment\",\"eligible\":true,\"reason\":null}, one per id (reason says why a customer may not take "
          + "part now); an unknown customer fails (exit 1).",
      "Without: every eligible customer, by customer id, printed as it is read (10000 at a time), as the same JSON "
          + "array or, with --output csv, CSV with the header customer_id,arm,arm_name (arm is the arm's index, 0 "
          + "for the control). Eligibility by segment or churn risk needs a model run."
    })
final class ExperimentsAssignCommand implements Callable<Integer> {
  /** Customers per page when listing every eligible one: the SDK's most. */
  static final int PAGE = 10_000;

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--output", paramLabel = "json|csv", defaultValue = "json",
      description = "json (default) or csv; csv only without CUSTOMER ids")
  String output;

  @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id, as 'experiments list' shows it")
  long id;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "CUSTOMER",
      description = "The shop's customer ids, such as 00002; none for every eligible customer")
  @Nullable List<String> customers;

  @Override
  public Integer call() {
    database.check(spec);
    if (!output.equals("json") && !output.equals("csv")) {
      throw new ParameterException(spec.commandLine(), "--output must be json or csv (was '" + output + "')");
    }
    List<String> ids = customers == null ? List.of() : customers;
    if (!ids.isEmpty() && output.equals("csv")) {
      throw new ParameterException(spec.commandLine(),
          "--output csv lists every eligible customer: give no CUSTOMER ids, or leave --output json for theirs");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (CustomerIntelligence ci = database.open()) {
      ExperimentsClient experiments = ci.experiments();
      if (!ids.isEmpty()) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (String customer : ids) {
          views.add(ExperimentViews.view(experiments.assign(id, customer)));
        }
        Json.print(out, views);
      } else {
        printEligible(experiments, out);
      }
    }
    return CustintelCli.OK;
  }

  /** Pages through the eligible customers, printing each page as it comes: the list is never held whole. */
  private void printEligible(ExperimentsClient experiments, PrintWriter out) {
    // The first page is read before anything is printed, so that an unknown experiment prints nothing.
    AssignmentPage page = experiments.assignments(id, PAGE, null);
    String cursor = null;
    boolean csv = output.equals("csv");
    Json.ArrayPrinter json = csv ? null : new Json.ArrayPrinter(out);
    if (csv) {
      out.print("customer_id,arm,arm_name\n");
    }
    while (true) {
      if (json != null) {
        for (ExperimentAssignment a : page.assignments()) {
          json.add(ExperimentViews.view(a));
        }
      } else {
        StringBuilder rows = new StringBuilder();
        for (ExperimentAssignment a : page.assignments()) {
          rows.append(ClvScoreCommand.csvField(a.customerId())).append(',').append(a.arm()).append(',')
              .append(ClvScoreCommand.csvField(a.armName())).append('\n');
        }
        out.print(rows);
        out.flush();
      }
      String next = page.nextCursor();
      if (next == null) {
        break;
      }
      if (next.equals(cursor)) { // a page that does not move on would print the same customers for ever
        throw new CliException("internal error: the experiment's assignments repeat the cursor '" + next
            + "'; please report it");
      }
      cursor = next;
      page = experiments.assignments(id, PAGE, cursor);
    }
    if (json != null) {
      json.end();
    }
  }
}
