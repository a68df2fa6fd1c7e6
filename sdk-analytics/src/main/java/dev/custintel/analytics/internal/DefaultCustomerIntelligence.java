package dev.custintel.analytics.internal;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.activity.ActivityClient;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.analytics.ask.AskOptions;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.internal.ask.QuestionAnswering;
import dev.custintel.analytics.internal.ask.StoreVocabulary;
import dev.custintel.analytics.affinity.AffinityClient;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.cohorts.CohortsClient;
import dev.custintel.analytics.events.EventRules;
import dev.custintel.analytics.events.EventsClient;
import dev.custintel.analytics.forecast.ForecastClient;
import dev.custintel.analytics.actions.ActionPolicy;
import dev.custintel.analytics.actions.ActionsClient;
import dev.custintel.analytics.campaigns.CampaignsClient;
import dev.custintel.analytics.experiments.ExperimentsClient;
import dev.custintel.analytics.internal.campaigns.DefaultCampaignsClient;
import dev.custintel.analytics.internal.experiments.DefaultExperimentsClient;
import dev.custintel.analytics.internal.actions.DefaultActionsClient;
import dev.custintel.analytics.internal.cohorts.DefaultCohortsClient;
import dev.custintel.analytics.internal.events.DefaultEventsClient;
import dev.custintel.analytics.internal.events.EventWriter;
import dev.custintel.analytics.internal.models.ActiveRunGauges;
import dev.custintel.analytics.internal.models.ActiveRuns;
import dev.custintel.analytics.internal.models.DefaultActivityClient;
import dev.custintel.analytics.internal.models.DefaultAffinityClient;
import dev.custintel.analytics.internal.models.DefaultChurnClient;
import dev.custintel.analytics.internal.models.DefaultForecastClient;
import dev.custintel.analytics.internal.models.DefaultLtvClient;
import dev.custintel.analytics.internal.models.DefaultModelsClient;
import dev.custintel.analytics.internal.models.Rescorer;
import dev.custintel.analytics.internal.models.RunStore;
import dev.custintel.analytics.internal.segments.DefaultSegmentsClient;
import dev.custintel.analytics.ltv.LtvClient;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.analytics.segments.SegmentsClient;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The facade over a store. Not API: build it with {@link CustomerIntelligence#builder()}. */
public final class DefaultCustomerIntelligence implements CustomerIntelligence {
  private final CustintelStore store;
  private final boolean ownsStore;
  private final ModelsClient models;
  private final ChurnClient churn;
  private final LtvClient ltv;
  private final AffinityClient affinity;
  private final CohortsClient cohorts;
  private final SegmentsClient segments;
  private final ForecastClient forecast;
  private final ActionsClient actions;
  private final CampaignsClient campaigns;
  private final DefaultExperimentsClient experiments;
  private final EventsClient events;
  private final ActivityClient activity;
  private final ActiveRunGauges gauges;
  private final StoreAccess.@Nullable Registration rescoring;
  private final Rescorer rescorer;
  private final QuestionAnswering questions;

  /**
   * @param store the store
   * @param ownsStore whether {@link #close()} closes the store (false when the host shares its own store)
   * @param eventRules when activated model runs emit events
   * @param rescoreOnIngest whether customers are re-scored under the active run after ingestion changed them
   */
  public DefaultCustomerIntelligence(
      CustintelStore store, boolean ownsStore, EventRules eventRules, boolean rescoreOnIngest) {
    this(store, ownsStore, eventRules, rescoreOnIngest, AskOptions.defaults());
  }

  /**
   * @param store the store
   * @param ownsStore whether {@link #close()} closes the store (false when the host shares its own store)
   * @param eventRules when activated model runs emit events
   * @param rescoreOnIngest whether customers are re-scored under the active run after ingestion changed them
   * @param askOptions how {@link #ask(String)} reads questions
   */
  public DefaultCustomerIntelligence(CustintelStore store, boolean ownsStore, EventRules eventRules,
      boolean rescoreOnIngest, AskOptions askOptions) {
    this.store = store;
    this.ownsStore = ownsStore;
    StoreAccess access = StoreAccess.of(store);
    EventWriter eventWriter = new EventWriter(access, eventRules);
    RunStore runs = new RunStore(access, eventWriter);
    this.events = new DefaultEventsClient(access);
    this.activity = new DefaultActivityClient(access);
    ActiveRuns active = new ActiveRuns(store, runs);
    this.gauges = new ActiveRunGauges(access, runs);
    this.rescorer = new Rescorer(access, runs, active, eventWriter);
    this.rescoring = rescoreOnIngest ? access.onCustomersChangedDurably(rescorer) : null;
    if (rescoreOnIngest) {
      rescorer.recoverInBackground();
    }
    this.models = new DefaultModelsClient(access, runs, active, rescorer);
    this.churn = new DefaultChurnClient(runs);
    this.ltv = new DefaultLtvClient(runs, active);
    this.affinity = new DefaultAffinityClient(runs, active);
    this.cohorts = new DefaultCohortsClient(access);
    this.segments = new DefaultSegmentsClient(access);
    this.forecast = new DefaultForecastClient(access, runs, active);
    DefaultExperimentsClient[] experimentsRef = new DefaultExperimentsClient[1];
    DefaultActionsClient actionsClient = new DefaultActionsClient(churn, store.customers(), affinity,
        store.products(), segments, models, access, ActionPolicy.defaults(),
        type -> Objects.requireNonNull(experimentsRef[0], "experiments").measuredUplift(type));
    this.actions = actionsClient;
    this.experiments = new DefaultExperimentsClient(access, models, actionsClient::base);
    experimentsRef[0] = experiments;
    this.campaigns = new DefaultCampaignsClient(models, churn, actions, experiments);
    this.questions = new QuestionAnswering(this, new StoreVocabulary(access, askOptions.segments()),
        askOptions.vip(), askOptions.translator());
  }

  @Override
  public Answer ask(String question) {
    return questions.ask(question);
  }

  @Override
  public Answer ask(AskQuery query) {
    return questions.answer(query);
  }

  @Override
  public ActivityClient activity() {
    return activity;
  }

  @Override
  public EventsClient events() {
    return events;
  }

  @Override
  public CohortsClient cohorts() {
    return cohorts;
  }

  @Override
  public SegmentsClient segments() {
    return segments;
  }

  @Override
  public ActionsClient actions() {
    return actions;
  }

  @Override
  public CampaignsClient campaigns() {
    return campaigns;
  }

  @Override
  public ExperimentsClient experiments() {
    return experiments;
  }

  @Override
  public ForecastClient forecast() {
    return forecast;
  }

  @Override
  public ModelsClient models() {
    return models;
  }

  @Override
  public ChurnClient churn() {
    return churn;
  }

  @Override
  public LtvClient ltv() {
    return ltv;
  }

  @Override
  public AffinityClient affinity() {
    return affinity;
  }

  @Override
  public IngestionClient ingestion() {
    return store.ingestion();
  }

  @Override
  public CustomerClient customers() {
    return store.customers();
  }

  @Override
  public ProductClient products() {
    return store.products();
  }

  @Override
  public DatabaseKind databaseKind() {
    return store.databaseKind();
  }

  @Override
  public Clock clock() {
    return store.clock();
  }

  @Override
  public CustintelStore store() {
    return store;
  }

  @Override
  public void close() {
    if (rescoring != null) {
      rescoring.close();
      rescorer.close();
    }
    gauges.close();
    if (ownsStore) {
      store.close();
    }
  }
}
