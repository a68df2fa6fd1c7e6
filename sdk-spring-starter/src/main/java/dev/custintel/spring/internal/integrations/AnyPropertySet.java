package dev.custintel.spring.internal.integrations;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one of some properties has a value that is not blank, read as the properties are bound
 * (relaxed: {@code base-url}, {@code baseUrl} and {@code CUSTINTEL_GORGIAS_BASEURL} are one property). Unlike
 * {@code @ConditionalOnProperty}, an empty value (such as an unset environment variable in
 * {@code ${GORGIAS_SUBDOMAIN:}}) counts as unset, and the outcome names the properties it looked at.
 */
public abstract class AnyPropertySet extends SpringBootCondition {
  private final List<String> names;

  /** @param names the properties, such as {@code custintel.gorgias.subdomain} */
  protected AnyPropertySet(String... names) {
    this.names = List.of(names);
  }

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    for (String name : names) {
      String value = binder.bind(name, String.class).orElse("");
      if (!value.isBlank()) {
        return ConditionOutcome.match(name + " is set");
      }
    }
    return ConditionOutcome.noMatch(String.join(" and ", names) + (names.size() == 1 ? " is" : " are") + " not set");
  }
}
