package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel actions}: next best actions from the active model run. A group without work of its own; to add a
 * subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "actions",
    mixinStandardHelpOptions = true,
    description = {
      "Next best actions: 'next' recommends one action for a customer (win-back, re-engagement, cross-sell, VIP "
          + "care or none) with its expected impact worked out from the active model run."
    })
final class ActionsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: use 'actions next'");
  }
}
