package dev.custintel.analytics.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.core.InvalidInputException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The typed query's rules: what each intent takes, its defaults, and the field named when something is wrong. */
class AskQueryTest {

  @Test
  void withDefaults_fillsOnlyTheFieldsTheIntentTakes() {
    assertThat(AskQuery.builder(Intent.INACTIVE_CUSTOMERS).build().withDefaults())
        .isEqualTo(AskQuery.builder(Intent.INACTIVE_CUSTOMERS).days(90).limit(10).build());
    assertThat(AskQuery.builder(Intent.BOUGHT_TOGETHER).product("P-1").build().withDefaults().limit()).isEqualTo(5);
    assertThat(AskQuery.builder(Intent.REVENUE_FORECAST).build().withDefaults())
        .isEqualTo(AskQuery.builder(Intent.REVENUE_FORECAST).horizon(3).horizonUnit(ForecastPeriodUnit.MONTH).build());
    assertThat(AskQuery.builder(Intent.CUSTOMER_COUNT).build().withDefaults())
        .isEqualTo(AskQuery.builder(Intent.CUSTOMER_COUNT).state(CustomerState.ALL).build());
    assertThat(AskQuery.builder(Intent.CUSTOMER_COUNT).state(CustomerState.INACTIVE).build().withDefaults().days())
        .isEqualTo(90);
    assertThat(AskQuery.builder(Intent.REVENUE).build().withDefaults().period()).isNull();
    assertThat(AskQuery.builder(Intent.HIGH_CHURN_RISK).build().withDefaults().minChurnRisk()).isEqualTo(0.8);
  }

  @Test
  void aFieldTheIntentDoesNotTake_isRejectedByName() {
    assertThatThrownBy(() -> AskQuery.builder(Intent.TOP_CUSTOMERS_BY_LTV).country("France").build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("country");
    assertThatThrownBy(() -> AskQuery.builder(Intent.TODAY).limit(3).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("limit");
    assertThatThrownBy(() -> AskQuery.builder(Intent.CUSTOMER_COUNT).state(CustomerState.ACTIVE).days(30).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("days");
  }

  @Test
  void requiredAndOutOfRangeFields_areRejectedByName() {
    assertThatThrownBy(() -> AskQuery.builder(Intent.CUSTOMER_LTV).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("customerId");
    assertThatThrownBy(() -> AskQuery.builder(Intent.BOUGHT_TOGETHER).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("product");
    assertThatThrownBy(() -> AskQuery.builder(Intent.SEGMENT_MEMBERS).segment(" ").build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("segment");
    assertThatThrownBy(() -> AskQuery.builder(Intent.TOP_PRODUCTS).limit(101).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("limit");
    assertThatThrownBy(() -> AskQuery.builder(Intent.HIGH_CHURN_RISK).minChurnRisk(Double.NaN).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("minChurnRisk");
    assertThatThrownBy(() -> AskQuery.builder(Intent.ORDER_FORECAST).horizon(0).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("horizon");
    assertThatThrownBy(() -> AskQuery.builder(Intent.INACTIVE_CUSTOMERS).days(0).build())
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("days");
  }

  @Test
  void everyIntent_hasAWireNameThatReadsBack_andAnExample() {
    assertThat(EnumSet.allOf(Intent.class)).hasSizeGreaterThanOrEqualTo(20).allSatisfy(i -> {
      assertThat(Intent.fromWire(i.wireName())).isEqualTo(i);
      assertThat(i.example()).isNotBlank();
    });
    assertThatThrownBy(() -> Intent.fromWire("drop_tables"))
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("intent");
  }

  @Test
  void vipOption_acceptsOnlyTopCustomerIntents() {
    assertThat(AskOptions.defaults().vip(Intent.TOP_CUSTOMERS_BY_ORDERS).vip()).isEqualTo(Intent.TOP_CUSTOMERS_BY_ORDERS);
    assertThatThrownBy(() -> AskOptions.defaults().vip(Intent.REVENUE))
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("vip");
  }
}
