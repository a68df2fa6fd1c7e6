package dev.custintel.spring.internal.integrations;

/** Matches when {@code custintel.slack.signing-secret} is set. */
public final class OnSlackSigningSecret extends AnyPropertySet {
  /** Created by Spring. */
  public OnSlackSigningSecret() {
    super(IntegrationClients.SLACK_SIGNING_SECRET);
  }
}
