package dev.custintel.analytics.internal.ask;

import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.ask.CustomerState;
import dev.custintel.analytics.ask.Intent;
import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.core.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic question parser: plain language to an {@link AskQuery}, or a refusal with the reason. It reads
 * the question in steps: normalise (lower case, contractions, punctuation), mend typos of the words it knows, write
 * numbers as digits, take out what it can name (customer, product, country, segment, period, inactivity, forecast
 * horizon, churn threshold, row count), and decide the intent from the cue words that remain. Pure and thread-safe
 * for a given vocabulary. Not API.
 */
public final class QuestionParser {

  /**
   * What the parser made of a question.
   *
   * @param query the query with its defaults, or null when refused
   * @param refusal why it was refused, or null
   */
  public record Result(@Nullable AskQuery query, @Nullable String refusal) {
    static Result refused(String why) {
      return new Result(null, why);
    }
  }

  // ---- cue words ----------------------------------------------------------------------------------------------
  private static final String CUSTOMERS = "(?:customers?|clients?|shoppers?|buyers?|people|users?|accounts?|members?"
      + "|purchasers?|consumers?|patrons?|folks|ones|fans|spenders?|custs)";
  private static final Pattern CUSTOMER_WORD = Pattern.compile("\\b" + CUSTOMERS + "\\b|\\bwho\\b|\\bwhom\\b");
  private static final Pattern REFUSE = Pattern.compile(
      "\\b(?:delete|drop|truncate|remove|erase|wipe|insert|alter|grant|refund|email|e-mail|write|draft|send"
          + "|weather|passwords?|employees?|staff|salespersons?|sales reps?|reps|deals|cancel|unsubscribe|hack|joke|poem"
          + "|stock|inventory|rain|snow|sunny|temperature|shipping|shipped|delivery|deliveries|tracking|warehouse|supplier|suppliers)\\b"
          + "|\\bupdate\\b.*\\bset\\b|\\bselect \\*"
          + "|\\bselect .* from\\b|;|\\bci_[a-z_]+\\b");
  private static final Pattern FORECAST = Pattern.compile(
      "\\b(?:forecasts?|forecasted|forecasting|predict(?:ed|ion|ions)?|projections?|projected|outlook|expect(?:ed)?"
          + "|will we|going to|should we expect|next (?:\\d+ )?(?:days?|weeks?|months?|quarters?|years?)"
          + "|coming (?:\\d+ )?(?:days?|weeks?|months?|quarters?|year)|ahead)\\b");
  private static final Pattern REVENUE_WORD = Pattern.compile(
      "\\b(?:revenue|revenues|sales|sold|sell|turnover|income|earn(?:ed|ings)?|made|make|money|takings|gmv|takes?"
          + "|bring in|brought in|proceeds|receipts|dollars|euros|cash|taken in|took in|take in)\\b");
  private static final Pattern ORDER_WORD = Pattern.compile(
      "\\b(?:orders?|ordered|purchases|transactions?|checkouts?|baskets)\\b");
  private static final Pattern COUNT = Pattern.compile(
      "\\b(?:(?<!by )how many|(?<!by )number of|(?<!by )(?<!by order )(?<!by purchase )(?<!order )(?<!purchase )count|total of|tally|headcount|how big is (?:our|the) (?:customer )?base"
          + "|size of (?:our|the) (?:customer )?base|customer base)\\b");
  private static final Pattern TOP = Pattern.compile(
      "\\b(?:top|best|biggest|largest|highest|most|leading|vips?|whales?|big spenders?|heavy spenders?|high spenders?"
          + "|spent the most|spend the most|spends the most|most valuable|key accounts?|premium|elite|rank(?:ed|ing)?"
          + "|leaderboard|greatest|major)\\b");
  private static final Pattern SPEND = Pattern.compile(
      "\\b(?:spend|spent|spending|spends|spenders?|revenue|money|sales|value|vips?|whales?|paid|paying|bought the"
          + " most|purchase volume)\\b");
  private static final Pattern FREQUENCY = Pattern.compile(
      "\\b(?:most (?:orders|purchases|transactions|frequent|often)|number of orders|order count|ordered (?:the )?most"
          + "|(?:bought|purchased|ordered|shop|shopped|buy) (?:the )?most (?:often|frequently)|(?:most|more) frequent"
          + "|frequent (?:buyers|shoppers|customers|purchasers)|frequency|by orders|by order count|orders placed"
          + "|placed the most|(?:most|many) orders|(?:most|many) purchases|repeat buyers|by (?:the )?(?:number of )?"
          + "(?:orders|purchases)|(?:order|purchase) count|(?:number|count) of (?:orders|purchases)|most (?:often|frequently)"
          + "|(?:order|purchase|buying) frequency|by how many (?:orders|purchases)|orders? most)\\b");
  private static final Pattern LTV = Pattern.compile(
      "\\b(?:ltv|clv|cltv|lifetime value|life time value|lifetime|customer value|predicted value|future value"
          + "|expected value|worth|value over|12 month value|long term value|going forward|long run|in the future"
          + "|future|predicted|projected value)\\b");
  private static final Pattern VALUE_AT_RISK = Pattern.compile(
      "\\b(?:value at risk|revenue at risk|money at risk|value at stake|revenue at stake|at stake|most to lose"
          + "|could lose the most|risk the most (?:value|revenue|money)|(?:value|revenue|money) (?:is )?at risk"
          + "|(?:value|money|revenue) we (?:could|might|may) lose|hurt (?:us )?(?:the )?most|cost us (?:the )?most"
          + "|churn weighted|weighted value|exposed to churn|(?:most|biggest|largest) (?:financial )?(?:loss|losses|impact)"
          + "|financially|risk times value|risk x value|risk weighted"
          + "|weighted by|at risk value|value at rsik|risk adjusted value)\\b");
  private static final Pattern INACTIVE = Pattern.compile(
      "\\b(?:inactive|inactivity|not (?:purchased|bought|ordered|shopped|been back|come back|returned|placed)"
          + "|no (?:orders?|purchases?|activity|sales)|without (?:an? |any )?(?:orders?|purchases?|activity)|lapsed|dormant"
          + "|gone quiet|went quiet|quiet|stopped (?:buying|ordering|shopping|purchasing)|idle|absent"
          + "|last (?:order|purchase|bought)|since (?:their|the) last|not seen|havent seen|have not seen"
          + "|not been active|not active|never came back)\\b");
  private static final Pattern ACTIVE = Pattern.compile("\\bactive\\b");
  private static final Pattern CHURN = Pattern.compile(
      "\\b(?:churn|churning|churned|churners?|likely to (?:leave|go|quit|stop)|about to (?:leave|churn|go|quit)"
          + "|risk|risky|at risk of|leaving|might leave|may leave|going to leave|slipping away|lose|losing"
          + "|probability of leaving|attrition|defect(?:ing)?)\\b");
  private static final Pattern CHURN_SUMMARY = Pattern.compile(
      "\\b(?:churn (?:overview|summary|picture|breakdown|distribution|report|rate|stats|statistics|levels?|status)"
          + "|(?:overview|summary|breakdown|distribution|report) of (?:the )?churn|risk (?:levels?|bands?|breakdown"
          + "|distribution|overview|summary)|(?:each|every|per|by) risk level|overall churn|how bad is (?:the |our )?churn"
          + "|churn look|churn looking|state of churn|break ?down (?:\\w+ ){0,4}by (?:churn )?risk"
          + "|by churn risk$|churn (?:at a glance|dashboard|overall|in general|exposure|big picture)"
          + "|how exposed (?:are we |is the shop )?to churn|total value at risk|overall value at risk|value at risk (?:in )?total"
          + "|(?:how much|total) (?:\\w+ )?(?:is )?at risk (?:overall|in total|total)|churn picture)\\b");
  private static final Pattern SEGMENT_WORD = Pattern.compile("\\b(?:segments?|groups?|buckets?|tiers?|rfm|cluster"
      + "|clusters|category of customers)\\b");
  private static final Pattern SEGMENT_SIZES = Pattern.compile(
      "\\b(?:segments|each segment|every segment|per segment|by segment|segment sizes?|segment counts?|segment"
          + " breakdown|segmentation|rfm (?:breakdown|distribution|summary|overview)|segment distribution"
          + "|size of each|sizes of|how big is each|(?:each|every|per|by|all|across) (?:the )?(?:rfm? )?segments?"
          + "|(?:each|every|per) (?:rfm? )?(?:group|bucket|tier)|segment (?:headcounts?|sizes?|counts?|totals?|numbers"
          + "|populations?|mix|split))\\b");
  private static final Pattern PROFILE = Pattern.compile(
      "\\b(?:profile|details?|info|information|about|who is|look up|lookup|history|summary|overview|show|pull up"
          + "|data on|record)\\b");
  private static final Pattern NBA = Pattern.compile(
      "\\b(?:next best action|best action|next action|next step|what (?:should|can|do) (?:we|i) do|how (?:should|do|can)"
          + " (?:we|i) (?:handle|treat|approach|engage|retain|keep|win back|save)|action|nba|what to do"
          + "|recommended action|how to (?:retain|keep|win back|engage|handle|save)|next move|best move|what now"
          + "|what next|play|approach|thing to do|to do next|do next)\\b");
  private static final Pattern CROSS_SELL = Pattern.compile(
      "\\b(?:cross sell|cross selling|crosssell|upsell|up sell|upselling|recommend|recommendations?|suggest"
          + "|suggestions?|offer|pitch|products? (?:for|to)|what else|what (?:products|items) (?:should|could|can|would)"
          + "|(?:should|could|can) (?:we|i) sell|sell (?:him|her|them)|might (?:like|want|buy)|likely to buy|would buy"
          + "|interested in|(?:buy|purchase|order) next|(?:could|would|might|will) (?:\\w+ )?(?:buy|purchase|order))\\b");
  private static final Pattern TOGETHER = Pattern.compile(
      "\\b(?:together|goes with|go with|going with|pairs? (?:well )?with|paired with|alongside|along with"
          + "|also (?:buy|bought|get|purchase|pick up|picks up|grab|add|take|order)|complements?|affinity|with the|with a|with an|with|bundle"
          + "|basket|add on|addon|accessor(?:y|ies))\\b");
  private static final Pattern COHORT = Pattern.compile(
      "\\b(?:cohorts?|retention|retained|retain|retaining|come back|came back|coming back|return rate|repeat rate"
          + "|stick around|stay|stayed|returning by month|month over month retention|keep customers|keep our customers"
          + "|month of first purchase|first purchase month|by signup month|by first order|sticky|stickiness)\\b");
  private static final Pattern NEW_RETURNING = Pattern.compile(
      "\\b(?:new (?:vs|versus|and|or|against|compared to) (?:returning|repeat|existing|old)|(?:returning|repeat"
          + "|existing) (?:vs|versus|and|or|against|compared to) new|new customers|new clients|new buyers"
          + "|new shoppers|first time (?:customers|buyers|shoppers|purchasers)|first timers|returning customers"
          + "|repeat customers|new vs|vs returning|returning vs|new versus|new or returning|acquired|acquisition"
          + "|newly acquired|how many new|first time (?:vs|versus|and|or)|(?:vs|versus) (?:repeat|returning)"
          + "|new returning|new and existing|new or existing|(?:returning|repeat|first time) customers?"
          + "(?: share| ratio| split| mix)?|share of (?:new|returning|repeat))\\b");
  private static final Pattern TODAY_WORD = Pattern.compile(
      "\\b(?:today|so far today|how are we doing|how is (?:the shop|business|it) (?:doing|going)|right now"
          + "|at the moment|how are things|daily (?:stats|numbers|summary)|today s|todays|kpis?|dashboard|pulse"
          + "|snapshot|at a glance|status|today s numbers)\\b");
  private static final Pattern PRODUCT_WORD = Pattern.compile(
      "\\b(?:products?|items?|skus?|articles?|bestsellers?|best sellers?|best selling|top selling|selling"
          + "|sellers|merchandise|goods|lines|sold best|sells best|sold the most|sell the most|most popular)\\b");
  private static final Pattern NO_CUSTOMER_NAMED = Pattern.compile(
      "\\b(?:for|of|about|on|with|to) (?:the |this |that |a |one |my )?(?:customer|client)\\s*$");
  private static final Pattern BOUGHT = Pattern.compile(
      "\\b(?:bought|purchased|ordered|shopped|placed an order|made a purchase|buying)\\b");
  private static final Pattern BESTSELLERS = Pattern.compile(
      "\\b(?:best ?sellers?|best selling|top selling|sold best|sells best|sold the most|sell the most"
          + "|most popular|most sold|top sellers?|what (?:are|do|did|is) (?:\\w+ ){0,2}(?:buy|buying|bought|purchase"
          + "|purchasing|order|ordering)(?: the)? most)\\b");
  private static final Pattern VIP_WORD = Pattern.compile("\\bvips?\\b");
  private static final Pattern VALUE_WORD = Pattern.compile("\\b(?:value|valuable|clv|worth)\\b");
  private static final Pattern STAY_WORD = Pattern.compile("\\b(?:leave|stay|alive|gone|still active|come back)\\b");
  private static final Pattern VALUABLE_WORD = Pattern.compile("\\b(?:valuable|worth)\\b");
  private static final Pattern MODEL_WORD = Pattern.compile("\\b(?:churn|ltv|lifetime|clv)\\b");
  private static final Pattern HOW_MANY = Pattern.compile("\\bhow many\\b");
  private static final Pattern FORECAST_NOUN = Pattern.compile("\\b(?:forecast|projection|outlook|predict)");
  private static final Pattern SELLING_WORD = Pattern.compile("\\b(?:popular|selling|sold|sell)\\b");
  private static final Pattern SPENDER_WORD = Pattern.compile("\\b(?:vips?|whales?|spenders?|best customers?)\\b");
  private static final Pattern RISK_WORD = Pattern.compile("\\b(?:risk|churn|probability|chance|likelihood|score)\\b");
  private static final Pattern RISK_OR_CHURN = Pattern.compile("\\b(?:risk|churn)");
  private static final Pattern GREETING = Pattern.compile("^(?:hi|hey|hello|thanks|thank you|ok|okay|yo|help"
      + "|test|ping|\\?+|)$");

  // ---- extraction patterns ------------------------------------------------------------------------------------
  private static final Pattern CUSTOMER_ID = Pattern.compile(
      "\\b(?:customer|client|shopper|buyer|user|account|id|cust|member)\\s*(?:id|number|no|nr|#)?\\s*"
          + "[#:]?\\s*([a-z0-9][a-z0-9_.@-]{0,63})");
  private static final Pattern DEMO_ID = Pattern.compile("(?<![a-z0-9-])(c-\\d{1,8})(?![a-z0-9-])");
  private static final Pattern HASH_ID = Pattern.compile("#([a-z0-9][a-z0-9_-]{0,63})");
  private static final Pattern PRODUCT_ID = Pattern.compile("(?<![a-z0-9-])(p-\\d{1,8})(?![a-z0-9-])");
  private static final String DURATION = "(\\d+|a|an|one)\\s*\\+?\\s*(days?|weeks?|months?|years?|quarters?)";
  private static final Pattern INACTIVE_DURATION = Pattern.compile(
      "(?:in|for|during|within|over|since|the|last|past|at least|more than|over|longer than|ago|>=?|\\s)*\\b"
          + DURATION + "(?:\\s+(?:or more|or longer|plus|ago|and more|and over))?\\b");
  private static final Pattern HORIZON = Pattern.compile(
      "\\b(?:next|coming|upcoming|following|over the next|for the next|the next)\\s+(?:(\\d+)\\s+)?"
          + "(days?|weeks?|months?|quarters?|years?)\\b|\\b(\\d+)\\s+(days?|weeks?|months?|quarters?|years?)"
          + "\\s+(?:ahead|out|from now|forward|in advance)\\b|\\b(?:for|over|forecast|forecasts|projection|outlook)\\s+"
          + "(?:the\\s+)?(?:next\\s+)?(\\d+)\\s+"
          + "(days?|weeks?|months?|quarters?|years?)\\b");
  private static final Pattern RISK_AT_LEAST = Pattern.compile(
      "(?:above|over|>=?|greater than|more than|at least|higher than|exceeding|beyond|of|min(?:imum)?)\\s*"
          + "(\\d+(?:\\.\\d+)?)\\s*(%|percent|pct)?");
  private static final Pattern RISK_PERCENT_FIRST = Pattern.compile(
      "\\b(\\d+(?:\\.\\d+)?)\\s*(%|percent|pct)\\s*\\+?\\s*(?:or (?:more|higher|above)\\s*)?(?:churn )?(?:risk|chance"
          + "|probability|likely)");
  private static final Pattern MEDIUM = Pattern.compile("\\b(?:medium|moderate|mid|middling|elevated)\\b");
  private static final Pattern LIMIT = Pattern.compile(
      "\\b(?:top|best|first|biggest|largest|highest|leading|show(?: me)?|list|give me|get|pull|find|name|bottom)"
          + "\\s+(\\d+)\\b|\\b(\\d+)\\s+(?:[a-z]+\\s+){0,3}?(?:" + CUSTOMERS.substring(3, CUSTOMERS.length() - 1)
          + "|products?|items?|skus?|names?|rows?|results?|vips?|whales?|spenders?|accounts?|suggestions?"
          + "|recommendations?|ideas?|things?|picks?|matches?)\\b");

  private static final Set<String> STOP = Set.copyOf(List.of("the", "a", "an", "of", "for", "to", "in", "on", "with", "and",
      "or", "is", "are", "was", "what", "which", "who", "me", "show", "our", "we", "us", "do", "does", "did",
      "bought", "buy", "buys", "purchased", "together", "goes", "go", "along", "alongside", "also", "people",
      "customers", "often", "frequently", "usually", "get", "gets", "items", "products", "product", "item", "that",
      "this", "those", "these", "it", "its", "by", "from", "pairs", "pair", "well", "best", "top", "else", "other",
      "others", "usual", "typically", "commonly", "most", "sold", "sell", "sells", "like", "pairing", "paired",
      "coffee", "tea", "beans", "bean", "whole", "ground", "grind", "filter", "filters", "paper", "papers",
      "loose", "blend", "maker", "kg", "g", "ml", "pack", "set", "cup", "cups", "mug", "mugs", "goes", "basket",
      "baskets", "purchase", "purchases", "x", "can", "could", "would", "should", "i", "you", "they", "their",
      "recommend", "suggest", "suggestions", "cross", "sell", "upsell", "affinity", "rules", "rule", "frequently",
      "when", "someone", "anyone", "customer", "buying", "order", "orders", "ordered", "shoppers", "clients"));

  private final Vocabulary vocabulary;
  private final Intent vip;
  /** The typo mender of the vocabulary as it was last read (its lists are the key: a new read makes a new one). */
  private volatile @Nullable TyposOf typos;

  private record TyposOf(List<Vocabulary.Product> products, List<String> countries, Typos typos) {}

  /** @param vocabulary the customers, products, countries and segments questions may name */
  public QuestionParser(Vocabulary vocabulary) {
    this(vocabulary, Intent.TOP_CUSTOMERS_BY_SPEND);
  }

  /**
   * @param vocabulary the customers, products, countries and segments questions may name
   * @param vip what "VIP" means: one of the top-customer intents
   */
  public QuestionParser(Vocabulary vocabulary, Intent vip) {
    this.vocabulary = vocabulary;
    this.vip = vip;
  }

  /**
   * @param question the question as asked
   * @param now the instant relative periods are resolved against
   * @return the query, or the reason it was refused
   */
  public Result parse(String question, Instant now) {
    String original = question.strip();
    if (original.length() > 500) {
      return Result.refused("the question is longer than 500 characters");
    }
    String t = normalise(original);
    if (GREETING.matcher(t).matches()) {
      return Result.refused("there is no question to answer");
    }
    if (REFUSE.matcher(t).find()) {
      return Result.refused("it asks for something the data questions cannot do (they only read)");
    }
    t = typos().mend(NumberWords.digits(t));
    t = t.replaceAll("\\ba (?=(?:day|week|month|quarter|year)s?\\b)", "1 ")
        .replaceAll("\\ban (?=(?:day|week|month|quarter|year)s?\\b)", "1 ");
    Extract x = new Extract(t);

    // Entities that questions name.
    String customerId = findCustomer(x, original);
    boolean namedUnknownCustomer = customerId == null && mentionsCustomerId(x.text);
    String product = PRODUCT_ID.matcher(x.text).find() || TOGETHER.matcher(x.text).find() ? findProduct(x) : null;
    String country = findCountry(x, original);
    String segment = findSegment(x);

    // Forecast horizon before periods: "next 3 months" is not a period.
    Integer @Nullable [] horizon = null;
    boolean forecast = FORECAST.matcher(x.text).find();
    if (forecast) {
      horizon = findHorizon(x);
    }
    // Inactivity before periods: "haven't bought in 90 days" is not a period.
    Integer inactiveDays = null;
    boolean inactive = INACTIVE.matcher(x.text).find();
    if (inactive) {
      inactiveDays = findInactiveDays(x);
    }
    Double risk = findRisk(x);
    Optional<RelativePeriods.Found> period = RelativePeriods.find(x.text, now);
    if (period.isPresent()) {
      x.cut(period.get().start(), period.get().end());
    }
    Integer limit = findLimit(x);

    String s = x.text;
    if (customerId == null && NO_CUSTOMER_NAMED.matcher(s).find()) {
      return Result.refused("it does not say which customer");
    }
    boolean today = period.isPresent() && period.get().words().startsWith("today");
    Intent intent = decide(s, customerId, namedUnknownCustomer, product, segment, inactive, forecast);
    if (today && (intent == null || mentionsSeveralFigures(s))) {
      intent = Intent.TODAY;
    }
    if (intent == null) {
      if (namedUnknownCustomer) {
        return Result.refused("it names a customer that is not in the data");
      }
      if (!x.ambiguous.isEmpty()) {
        return Result.refused("it could name several products (" + String.join(", ", x.ambiguous)
            + "); name one of them, by more of its name or by its id");
      }
      if (mentionsProductContext(s) && product == null) {
        return Result.refused("it names no product of the catalog");
      }
      return Result.refused("it matches none of the questions the data can answer");
    }
    if (intent == Intent.TOP_CUSTOMERS_BY_SPEND && vip != intent && VIP_WORD.matcher(t).find()) {
      intent = vip;
    }
    AskQuery.Builder b = AskQuery.builder(intent);
    var takes = AskQuery.fields(intent);
    if (takes.contains(AskQuery.Field.LIMIT) && limit != null) {
      b.limit(Math.min(limit, AskQuery.MAX_LIMIT));
    }
    if (takes.contains(AskQuery.Field.PERIOD) && period.isPresent() && intent != Intent.TODAY) {
      b.period(period.get().range(), period.get().words());
    }
    if (takes.contains(AskQuery.Field.COUNTRY)) {
      b.country(country);
    }
    if (takes.contains(AskQuery.Field.SEGMENT)) {
      b.segment(segment);
    }
    if (takes.contains(AskQuery.Field.CUSTOMER_ID)) {
      b.customerId(customerId);
    }
    if (takes.contains(AskQuery.Field.PRODUCT)) {
      b.product(product);
    }
    if (takes.contains(AskQuery.Field.MIN_CHURN_RISK)) {
      b.minChurnRisk(risk);
    }
    if (takes.contains(AskQuery.Field.HORIZON) && horizon != null) {
      b.horizon(horizon[0]);
      b.horizonUnit(horizon[1] == 7 ? ForecastPeriodUnit.WEEK : ForecastPeriodUnit.MONTH);
    }
    if (intent == Intent.INACTIVE_CUSTOMERS) {
      b.days(inactiveDays);
    }
    if (intent == Intent.CUSTOMER_COUNT) {
      CustomerState state = inactive ? CustomerState.INACTIVE
          : risk != null || CHURN.matcher(s).find() ? CustomerState.HIGH_RISK
          : ACTIVE.matcher(s).find() || period.isPresent() && BOUGHT.matcher(s).find() ? CustomerState.ACTIVE
          : CustomerState.ALL;
      b.state(state);
      if (state == CustomerState.INACTIVE) {
        b.days(inactiveDays);
      }
    }
    try {
      return new Result(b.build().withDefaults(), null);
    } catch (InvalidInputException e) {
      return Result.refused("it does not name the " + e.field());
    }
  }

  private Typos typos() {
    List<Vocabulary.Product> products = vocabulary.products();
    List<String> countries = vocabulary.countries();
    TyposOf current = typos;
    if (current == null || current.products() != products || current.countries() != countries) {
      current = new TyposOf(products, countries, new Typos(knownWords(vocabulary)));
      typos = current;
    }
    return current.typos();
  }

  // ---- the intent -----------------------------------------------------------------------------------------------

  private static @Nullable Intent decide(String s, @Nullable String customerId, boolean namedUnknownCustomer,
      @Nullable String product, @Nullable String segment, boolean inactive, boolean forecast) {
    boolean customers = CUSTOMER_WORD.matcher(s).find();
    boolean count = COUNT.matcher(s).find();
    boolean churn = CHURN.matcher(s).find();
    if (customerId != null) {
      if (NBA.matcher(s).find()) {
        return Intent.CUSTOMER_NEXT_BEST_ACTION;
      }
      if (CROSS_SELL.matcher(s).find() || PRODUCT_WORD.matcher(s).find()) {
        return Intent.CROSS_SELL;
      }
      if (LTV.matcher(s).find() || VALUE_WORD.matcher(s).find()) {
        return Intent.CUSTOMER_LTV;
      }
      if (churn || STAY_WORD.matcher(s).find()) {
        return Intent.CUSTOMER_CHURN_RISK;
      }
      return Intent.CUSTOMER_PROFILE;
    }
    if (namedUnknownCustomer && !count) {
      return null;
    }
    if (product != null) {
      return Intent.BOUGHT_TOGETHER;
    }
    if (forecast && customers && VALUABLE_WORD.matcher(s).find()) {
      return Intent.TOP_CUSTOMERS_BY_LTV;
    }
    if (forecast && !MODEL_WORD.matcher(s).find()
        && !(customers && LTV.matcher(s).find())) {
      if (ORDER_WORD.matcher(s).find() || HOW_MANY.matcher(s).find()
          && !REVENUE_WORD.matcher(s).find()) {
        return Intent.ORDER_FORECAST;
      }
      if (REVENUE_WORD.matcher(s).find() || FORECAST_NOUN
          .matcher(s).find()) {
        return Intent.REVENUE_FORECAST;
      }
    }
    if (COHORT.matcher(s).find() && !churn && !inactive) {
      return Intent.COHORT_RETENTION;
    }
    if (NEW_RETURNING.matcher(s).find()) {
      return Intent.NEW_VS_RETURNING;
    }
    if (SEGMENT_SIZES.matcher(s).find() && (segment == null || count && !customers)) {
      return Intent.SEGMENT_SIZES;
    }
    if (CHURN_SUMMARY.matcher(s).find()) {
      return Intent.CHURN_SUMMARY;
    }
    if (segment != null && !churn) {
      return Intent.SEGMENT_MEMBERS;
    }
    if (count && (customers || !ORDER_WORD.matcher(s).find() && !REVENUE_WORD.matcher(s).find())
        && !PRODUCT_WORD.matcher(s).find()) {
      return Intent.CUSTOMER_COUNT;
    }
    if (VALUE_AT_RISK.matcher(s).find()) {
      return Intent.TOP_CUSTOMERS_BY_VALUE_AT_RISK;
    }
    if (churn && !inactive || segment != null) {
      return Intent.HIGH_CHURN_RISK;
    }
    if (inactive) {
      return Intent.INACTIVE_CUSTOMERS;
    }
    if (LTV.matcher(s).find()) {
      return Intent.TOP_CUSTOMERS_BY_LTV;
    }
    boolean top = TOP.matcher(s).find();
    if (BESTSELLERS.matcher(s).find() && (!customers || s.matches(".*\\bwhat (?:are|do|did|is)\\b.*"))
        || PRODUCT_WORD.matcher(s).find() && (top || REVENUE_WORD.matcher(s).find() || ORDER_WORD.matcher(s).find()
        || SELLING_WORD.matcher(s).find())) {
      return Intent.TOP_PRODUCTS;
    }
    if ((customers || top) && FREQUENCY.matcher(s).find()) {
      return Intent.TOP_CUSTOMERS_BY_ORDERS;
    }
    if (customers && (top || SPEND.matcher(s).find())
        || SPENDER_WORD.matcher(s).find()) {
      return Intent.TOP_CUSTOMERS_BY_SPEND;
    }
    if (ORDER_WORD.matcher(s).find() && (count || !REVENUE_WORD.matcher(s).find())) {
      return Intent.ORDER_COUNT;
    }
    if (REVENUE_WORD.matcher(s).find()) {
      return Intent.REVENUE;
    }
    if (TODAY_WORD.matcher(s).find()) {
      return Intent.TODAY;
    }
    return null;
  }

  private static boolean mentionsSeveralFigures(String s) {
    int n = (ORDER_WORD.matcher(s).find() ? 1 : 0) + (REVENUE_WORD.matcher(s).find() ? 1 : 0)
        + (ACTIVE.matcher(s).find() ? 1 : 0);
    return n >= 2;
  }

  private static boolean mentionsProductContext(String s) {
    return TOGETHER.matcher(s).find() && Pattern.compile("\\b(?:bought|buy|together|goes|go|pair|purchased)\\b")
        .matcher(s).find();
  }

  // ---- entities -----------------------------------------------------------------------------------------------

  private @Nullable String findCustomer(Extract x, String original) {
    Matcher m = DEMO_ID.matcher(x.text);
    if (m.find()) {
      String id = m.group(1);
      String found = vocabulary.customer(candidates(id, original));
      if (found != null) {
        x.cut(m.start(1), m.end(1));
        return found;
      }
    }
    m = HASH_ID.matcher(x.text);
    if (m.find()) {
      String found = vocabulary.customer(candidates(m.group(1), original));
      if (found != null) {
        x.cut(m.start(), m.end());
        return found;
      }
    }
    m = CUSTOMER_ID.matcher(x.text);
    while (m.find()) {
      String token = m.group(1);
      if (!token.matches(".*\\d.*")) {
        continue; // "customer churn", "customers who"
      }
      String found = vocabulary.customer(candidates(token, original));
      if (found != null) {
        x.cut(m.start(1), m.end(1));
        return found;
      }
    }
    return null;
  }

  private static boolean mentionsCustomerId(String t) {
    Matcher m = CUSTOMER_ID.matcher(t);
    while (m.find()) {
      if (m.group(1).matches("[a-z_.@-]*\\d[a-z0-9_.@-]*")) {
        return true;
      }
    }
    return DEMO_ID.matcher(t).find() || HASH_ID.matcher(t).find();
  }

  private static List<String> candidates(String token, String original) {
    Set<String> out = new LinkedHashSet<>();
    int at = original.toLowerCase(Locale.ROOT).indexOf(token);
    if (at >= 0) {
      out.add(original.substring(at, at + token.length()));
    }
    out.add(token);
    out.add(token.toUpperCase(Locale.ROOT));
    Matcher digits = Pattern.compile("^(?:c-?)?0*(\\d{1,8})$").matcher(token);
    if (digits.find()) {
      out.add(String.format(Locale.ROOT, "C-%08d", Long.parseLong(digits.group(1))));
    }
    return new ArrayList<>(out);
  }

  private @Nullable String findProduct(Extract x) {
    Matcher m = PRODUCT_ID.matcher(x.text);
    if (m.find()) {
      String id = m.group(1).toUpperCase(Locale.ROOT);
      for (Vocabulary.Product p : vocabulary.products()) {
        if (p.id().equalsIgnoreCase(id)) {
          x.cut(m.start(1), m.end(1));
          return p.id();
        }
      }
    }
    List<Vocabulary.Product> products = vocabulary.products();
    if (products.isEmpty()) {
      return null;
    }
    // A product's whole name, the longest that the question holds.
    Vocabulary.Product whole = null;
    String wholeName = "";
    for (Vocabulary.Product p : products) {
      String name = p.name() == null ? "" : normalise(p.name());
      if (name.length() > wholeName.length() && !name.isEmpty() && (" " + x.text + " ").contains(" " + name + " ")) {
        whole = p;
        wholeName = name;
      }
    }
    if (whole != null) {
      int at = x.text.indexOf(wholeName);
      x.cut(at, at + wholeName.length());
      return whole.id();
    }
    String[] words = x.text.split(" ");
    List<String[]> names = new ArrayList<>(products.size());
    for (Vocabulary.Product p : products) {
      names.add(p.name() == null ? new String[0] : normalise(p.name()).split(" "));
    }
    for (int n = Math.min(5, words.length); n >= 1; n--) {
      for (int i = 0; i + n <= words.length; i++) {
        boolean specific = false;
        for (int k = i; k < i + n; k++) {
          if (!STOP.contains(words[k]) && !CUE_VOCABULARY.contains(words[k]) && !words[k].matches("\\d+")) {
            specific = true;
          }
        }
        if (!specific || STOP.contains(words[i]) || STOP.contains(words[i + n - 1])) {
          continue;
        }
        int match = -1;
        int matches = 0;
        for (int p = 0; p < names.size(); p++) {
          if (containsRun(names.get(p), words, i, n)) {
            matches++;
            match = p;
          }
        }
        if (matches == 1) {
          cutWords(x, words, i, n);
          return products.get(match).id();
        }
        if (matches > 1) {
          // Names two products or more: not one product. Say which, so that the asker can name one.
          for (int p = 0; p < names.size() && x.ambiguous.size() < 5; p++) {
            if (containsRun(names.get(p), words, i, n)) {
              Vocabulary.Product candidate = products.get(p);
              x.ambiguous.add((candidate.name() == null ? candidate.id() : candidate.name()) + " (" + candidate.id()
                  + ")");
            }
          }
          return null;
        }
      }
    }
    return null;
  }

  private static boolean containsRun(String[] name, String[] words, int from, int n) {
    outer:
    for (int s = 0; s + n <= name.length; s++) {
      for (int k = 0; k < n; k++) {
        String w = words[from + k];
        String nw = name[s + k];
        if (!nw.equals(w) && !(w.length() >= 4 && (nw.equals(w + "s") || w.equals(nw + "s")))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void cutWords(Extract x, String[] words, int from, int n) {
    int start = 0;
    for (int k = 0; k < from; k++) {
      start += words[k].length() + 1;
    }
    int end = start;
    for (int k = from; k < from + n; k++) {
      end += words[k].length() + 1;
    }
    x.cut(start, Math.min(end - 1, x.text.length()));
  }

  private static final Map<String, String> COUNTRY_ALIASES = Map.ofEntries(
      Map.entry("uk", "united kingdom"), Map.entry("britain", "united kingdom"),
      Map.entry("great britain", "united kingdom"), Map.entry("england", "united kingdom"),
      Map.entry("british", "united kingdom"), Map.entry("usa", "united states"), Map.entry("u s", "united states"),
      Map.entry("the us", "united states"), Map.entry("america", "united states"),
      Map.entry("american", "united states"), Map.entry("united states of america", "united states"),
      Map.entry("holland", "netherlands"), Map.entry("dutch", "netherlands"),
      Map.entry("the netherlands", "netherlands"), Map.entry("german", "germany"), Map.entry("french", "france"),
      Map.entry("belgian", "belgium"), Map.entry("austrian", "austria"), Map.entry("italian", "italy"),
      Map.entry("spanish", "spain"), Map.entry("deutschland", "germany"));

  private @Nullable String findCountry(Extract x, String original) {
    List<String> countries = vocabulary.countries();
    Map<String, String> byLower = new HashMap<>();
    for (String c : countries) {
      if (c.matches("[A-Z]{2,3}")) {
        // A country stored as its ISO code is named by its English name ("Germany" for DE), or by the code written
        // in capitals ("in DE"): in lower case "at", "it" and "be" are words, not Austria, Italy and Belgium.
        String name = c.length() == 2 ? new Locale("", c).getDisplayCountry(Locale.ENGLISH) : c;
        if (!name.isEmpty() && !name.equals(c)) {
          byLower.put(normalise(name), c);
        }
        if (Pattern.compile("(?<![A-Za-z])" + c + "(?![A-Za-z])").matcher(original).find()) {
          byLower.put(c.toLowerCase(Locale.ROOT), c);
        }
        continue;
      }
      byLower.put(normalise(c), c);
    }
    String best = null;
    int bestStart = -1;
    int bestEnd = -1;
    for (Map.Entry<String, String> e : byLower.entrySet()) {
      Matcher m = Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b").matcher(x.text);
      if (m.find() && (best == null || m.end() - m.start() > bestEnd - bestStart)) {
        best = e.getValue();
        bestStart = m.start();
        bestEnd = m.end();
      }
    }
    if (best == null) {
      for (Map.Entry<String, String> e : COUNTRY_ALIASES.entrySet()) {
        String target = byLower.get(e.getValue());
        if (target == null) {
          continue;
        }
        boolean demonym = e.getKey().matches("german|french|belgian|austrian|italian|spanish|dutch|british|american");
        Pattern p = demonym ? Pattern.compile("\\b" + e.getKey() + "\\s+" + CUSTOMERS + "\\b")
            : Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b");
        Matcher m = p.matcher(x.text);
        if (m.find()) {
          best = target;
          bestStart = m.start();
          bestEnd = demonym ? m.start() + e.getKey().length() : m.end();
          break;
        }
      }
    }
    if (best != null) {
      x.cut(bestStart, bestEnd);
    }
    return best;
  }

  private static final Set<String> COMMON_SEGMENT_WORDS = Set.of("new", "at_risk", "loyal", "promising", "active",
      "recent", "inactive");

  private @Nullable String findSegment(Extract x) {
    String best = null;
    int bestStart = -1;
    int bestEnd = -1;
    for (String segment : vocabulary.segments()) {
      String words = segment.replace('_', ' ');
      String alt = words.replace("cant ", "can not ").replace("need attention", "needs? attention")
          .replace("potential loyalist", "potential loyalists?");
      Pattern p = Pattern.compile("\\b(?:" + Pattern.quote(words) + "s?|" + alt + "|" + Pattern.quote(segment)
          + ")\\b");
      Matcher m = p.matcher(x.text);
      while (m.find()) {
        boolean common = COMMON_SEGMENT_WORDS.contains(segment);
        if (common && !segmentCue(x.text, m.start(), m.end(), segment)) {
          continue;
        }
        if (best == null || m.end() - m.start() > bestEnd - bestStart) {
          best = segment;
          bestStart = m.start();
          bestEnd = m.end();
        }
        break;
      }
    }
    if (best != null) {
      x.cut(bestStart, bestEnd);
    }
    return best;
  }

  /** A common word names a segment only when the question says it is one: "the at risk segment", "in loyal". */
  private static boolean segmentCue(String t, int start, int end, String segment) {
    String after = t.substring(end);
    String before = t.substring(0, start);
    if (after.matches("^\\s*(?:customers?\\s+)?(?:segment|group|bucket|tier|rfm)\\b.*")) {
      return true;
    }
    if (before.matches(".*\\b(?:segment|group|bucket|tier)\\s*(?:called|named)?\\s*$")) {
      return true;
    }
    if (segment.equals("new")) {
      return false;
    }
    if (before.matches(".*\\b(?:in|from)\\s+(?:the\\s+)?$") && !after.matches("^\\s*(?:of|customers?|clients?)\\b.*")) {
      return true;
    }
    return (segment.equals("loyal") || segment.equals("promising"))
        && after.matches("^\\s*(?:customers?|clients?|shoppers?|ones)\\b.*")
        && !before.matches(".*\\b(?:most|how|more)\\s*$");
  }

  private static Integer @Nullable [] findHorizon(Extract x) {
    Matcher m = HORIZON.matcher(x.text);
    if (!m.find()) {
      return null;
    }
    String number = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(5);
    String unit = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(6);
    int n = number == null ? 1 : Integer.parseInt(number);
    x.cut(m.start(), m.end());
    String u = unit.replaceAll("s$", "");
    return switch (u) {
      case "day" -> new Integer[] {Math.max(1, (n + 6) / 7), 7};
      case "week" -> new Integer[] {n, 7};
      case "quarter" -> new Integer[] {3 * n, 30};
      case "year" -> new Integer[] {12 * n, 30};
      default -> new Integer[] {n, 30};
    };
  }

  private static @Nullable Integer findInactiveDays(Extract x) {
    Matcher m = Pattern.compile("\\b" + DURATION + "\\b").matcher(x.text);
    if (!m.find()) {
      return null;
    }
    String number = m.group(1);
    int n = number.matches("\\d+") ? Integer.parseInt(number) : 1;
    int per = switch (m.group(2).replaceAll("s$", "")) {
      case "week" -> 7;
      case "month" -> 30;
      case "quarter" -> 90;
      case "year" -> 365;
      default -> 1;
    };
    Matcher around = INACTIVE_DURATION.matcher(x.text);
    int start = m.start();
    int end = m.end();
    if (around.find() && around.start() <= m.start() && around.end() >= m.end()) {
      start = around.start();
      end = around.end();
    }
    x.cut(start, end);
    long days = (long) n * per;
    return days >= 1 && days <= 36_500 ? (int) days : null;
  }

  private static @Nullable Double findRisk(Extract x) {
    Matcher c = RISK_WORD.matcher(x.text);
    if (c.find()) {
      Matcher m = RISK_AT_LEAST.matcher(x.text);
      while (m.find()) {
        if (Math.abs(m.start() - c.start()) > 40) {
          continue;
        }
        Double v = riskValue(m.group(1), m.group(2) != null);
        if (v != null) {
          x.cut(m.start(), m.end());
          return v;
        }
      }
    }
    Matcher m = RISK_PERCENT_FIRST.matcher(x.text);
    if (m.find()) {
      Double v = riskValue(m.group(1), true);
      if (v != null) {
        x.cut(m.start(1), m.end(2));
        return v;
      }
    }
    if (MEDIUM.matcher(x.text).find() && RISK_OR_CHURN.matcher(x.text).find()) {
      return 0.5;
    }
    return null;
  }

  private static @Nullable Double riskValue(String number, boolean percent) {
    double v = Double.parseDouble(number);
    if (percent || v > 1) {
      v = v / 100;
    }
    return v > 0 && v <= 1 ? v : null;
  }

  private static @Nullable Integer findLimit(Extract x) {
    Matcher m = LIMIT.matcher(x.text);
    while (m.find()) {
      String n = m.group(1) != null ? m.group(1) : m.group(2);
      if (n.length() > 7) {
        continue;
      }
      int v = Integer.parseInt(n);
      if (v >= 1) {
        return v;
      }
    }
    return null;
  }

  // ---- text -----------------------------------------------------------------------------------------------------

  /** Lower case, contractions written out, punctuation turned to spaces except inside ids, numbers and dates. */
  static String normalise(String text) {
    String t = text.toLowerCase(Locale.ROOT)
        .replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"')
        .replace('–', '-').replace('—', '-');
    t = t.replaceAll("\\bcan't\\b|\\bcannot\\b", "can not").replaceAll("\\bwon't\\b", "will not")
        .replaceAll("n't\\b", " not").replaceAll("'s\\b", " s").replaceAll("'re\\b", " are")
        .replaceAll("'ve\\b", " have").replaceAll("'ll\\b", " will").replaceAll("'d\\b", " would")
        .replaceAll("'m\\b", " am");
    t = t.replaceAll("\\bhavent\\b", "have not").replaceAll("\\bhasnt\\b", "has not")
        .replaceAll("\\bdidnt\\b", "did not").replaceAll("\\bwont\\b", "will not")
        .replaceAll("\\bcant\\b", "can not").replaceAll("\\bdont\\b", "do not").replaceAll("\\bwhats\\b", "what is")
        .replaceAll("\\bwhos\\b", "who is").replaceAll("\\bhows\\b", "how is");
    t = t.replaceAll("\\bvs\\.", "vs").replaceAll("\\be\\.g\\.", "").replaceAll("\\bu\\.s\\.a?\\.?", "usa");
    t = t.replaceAll("(?<=\\d),(?=\\d{3}\\b)", "");
    // Hyphens stay in ids (c-0042, p-0007) and dates; elsewhere they join words ("cross-sell", "at-risk").
    t = t.replaceAll("(?<![a-z0-9])([a-z])-(?=\\d)", "$1\u0001").replaceAll("(?<=\\d)-(?=\\d)", "\u0002");
    t = t.replaceAll("(?<=\\d)\\.(?=\\d)", "\u0003").replaceAll("(?<=\\d)%", " %").replaceAll(">=", " >= ")
        .replaceAll("(?<![>])>(?!=)", " > ");
    t = t.replaceAll("[^a-z0-9#%>=@_\u0001\u0002\u0003]+", " ");
    t = t.replace('\u0001', '-').replace('\u0002', '-').replace('\u0003', '.');
    return t.strip().replaceAll(" +", " ");
  }

  /** Every pattern the parser reads cues with: their words are known words, never mended into others. */
  private static final List<Pattern> CUES = List.of(CUSTOMER_WORD, FORECAST, REVENUE_WORD, ORDER_WORD, COUNT, TOP,
      SPEND, FREQUENCY, LTV, VALUE_AT_RISK, INACTIVE, CHURN, CHURN_SUMMARY, SEGMENT_WORD, SEGMENT_SIZES, PROFILE,
      NBA, CROSS_SELL, TOGETHER, COHORT, NEW_RETURNING, TODAY_WORD, PRODUCT_WORD, BESTSELLERS, BOUGHT, REFUSE);

  /** The words of the cues: a product is not named by them alone ("month" in "Coffee of the Month"). */
  private static final Set<String> CUE_VOCABULARY = cueVocabulary();

  private static Set<String> cueVocabulary() {
    Set<String> words = new java.util.HashSet<>(Typos.CUE_WORDS);
    for (Pattern p : CUES) {
      for (String w : p.pattern().split("[^a-z]+")) {
        if (w.length() >= 2) {
          words.add(w);
        }
      }
    }
    words.addAll(List.of("today", "yesterday", "week", "weeks", "month", "months", "quarter", "quarters", "year",
        "years", "day", "days", "since", "between", "past", "last", "this", "current", "previous", "ytd", "mtd",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"));
    return Set.copyOf(words);
  }

  private static Set<String> knownWords(Vocabulary vocabulary) {
    Set<String> words = new LinkedHashSet<>(Typos.CUE_WORDS);
    for (Pattern p : CUES) {
      for (String w : p.pattern().split("[^a-z]+")) {
        if (w.length() >= 4) {
          words.add(w);
        }
      }
    }
    for (Vocabulary.Product p : vocabulary.products()) {
      if (p.name() != null) {
        for (String w : normalise(p.name()).split(" ")) {
          words.add(w);
        }
      }
    }
    for (String c : vocabulary.countries()) {
      for (String w : normalise(c).split(" ")) {
        words.add(w);
      }
    }
    for (String s : vocabulary.segments()) {
      for (String w : s.split("_")) {
        words.add(w);
      }
    }
    return words;
  }

  /** The question's text with what has been taken out of it blanked, so that later steps do not read it again. */
  private static final class Extract {
    String text;
    final List<String> ambiguous = new ArrayList<>();

    Extract(String text) {
      this.text = text;
    }

    void cut(int start, int end) {
      text = (text.substring(0, start) + " " + text.substring(end)).strip().replaceAll(" +", " ");
    }
  }
}
