package dev.custintel.analytics.internal.ask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mends typos in the words the parser knows: a word of five letters or more that is not known and is one edit
 * (a letter missing, added, changed, or two letters swapped) from exactly one known word becomes that word
 * ("custmers", "revenu", "forcast", "chrun"). Shorter words and words close to two known words are left alone.
 * Thread-safe once built. Not API.
 */
final class Typos {
  /** The cue words of the parser, with the periods' and months' words. */
  static final Set<String> CUE_WORDS = Set.copyOf(List.of(
      "customers", "customer", "clients", "client", "shoppers", "shopper", "buyers", "buyer", "purchasers",
      "consumers", "accounts", "members", "revenue", "revenues", "sales", "turnover", "income", "earned", "earnings",
      "orders", "order", "ordered", "purchases", "purchase", "purchased", "transactions", "checkouts", "bought",
      "forecast", "forecasts", "forecasted", "predict", "predicted", "prediction", "projection", "projected",
      "outlook", "expect", "expected", "churn", "churning", "churned", "risk", "risky", "inactive", "inactivity",
      "lapsed", "dormant", "stopped", "lifetime", "value", "segment", "segments", "cohort", "cohorts", "retention",
      "retained", "together", "alongside", "recommend", "recommendations", "suggest", "suggestions", "profile",
      "details", "information", "history", "returning", "repeat", "products", "product", "items", "spenders",
      "spend", "spent", "spending", "biggest", "largest", "highest", "frequent", "frequently", "often", "active",
      "action", "upsell", "cross", "quarter", "quarters", "month", "months", "week", "weeks", "year", "years", "days",
      "today", "yesterday", "between", "since", "january", "february", "march", "april", "june", "july", "august",
      "september", "october", "november", "december", "number", "count", "percent", "probability", "likely",
      "leaving", "leave", "overview", "summary", "breakdown", "distribution", "valuable", "popular", "selling",
      "bestsellers", "best", "top", "show", "which", "whose", "haven", "placed", "shopped", "ordering", "buying",
      "purchasing", "attention", "potential", "loyalist", "loyalists", "loyal", "champions", "hibernating",
      "promising", "sleep", "next", "coming", "upcoming", "ahead", "weekly", "monthly", "yearly", "quarterly",
      "affinity", "basket", "baskets", "complement", "pairs", "paired", "retain", "returned", "acquired",
      "acquisition", "first", "timers", "doing", "happening", "dashboard", "snapshot", "estimated", "estimate",
      "expected", "predicted", "worth", "lifetime", "whales", "premium", "valuable", "stake", "losing", "attrition",
      "quiet", "without", "haven", "didn", "recently", "recent", "average", "total", "amount", "performance",
      "performing", "doing", "generated", "brought", "received", "placed", "countries", "country", "germany",
      "france", "valuable", "status", "business", "glance", "bestsellers", "sold", "sell", "order"));

  /** Everyday words that are never mended, however close to a known word ("going" is not "doing"). */
  private static final Set<String> EVERYDAY = Set.of(
      "about", "above", "across", "after", "again", "against", "ago", "ahead", "almost", "alone",
      "along", "already", "also", "always", "among", "amount", "another", "answer", "anyone", "anything",
      "around", "asked", "away", "back", "based", "because", "become", "been", "before", "began",
      "behind", "being", "below", "best", "better", "between", "beyond", "both", "bring", "brought",
      "build", "business", "busy", "call", "came", "cannot", "care", "case", "cause", "certain",
      "change", "check", "city", "clear", "close", "come", "comes", "coming", "could", "count",
      "course", "cover", "current", "daily", "data", "date", "days", "dear", "deep", "does",
      "doing", "done", "down", "during", "each", "early", "either", "else", "end", "ends",
      "enough", "even", "ever", "every", "exact", "fact", "fair", "fall", "family", "fast",
      "fewer", "field", "figure", "final", "find", "fine", "first", "five", "fixed", "flat",
      "four", "free", "from", "front", "full", "gave", "general", "gets", "give", "given",
      "gives", "glad", "goes", "going", "gone", "good", "great", "group", "grow", "growing",
      "half", "hand", "happen", "happened", "hard", "have", "having", "head", "hear", "held",
      "help", "here", "high", "hold", "home", "hope", "hour", "hours", "idea", "into",
      "item", "items", "just", "keep", "kept", "kind", "knew", "know", "known", "large",
      "last", "late", "later", "lead", "least", "left", "less", "lets", "level", "like",
      "likely", "line", "lines", "list", "little", "live", "long", "look", "looking", "looks",
      "lose", "lost", "made", "main", "make", "makes", "making", "many", "mark", "match",
      "matter", "maybe", "mean", "means", "meet", "mind", "mine", "miss", "mode", "more",
      "most", "move", "much", "must", "name", "named", "near", "need", "needs", "never",
      "news", "next", "nice", "none", "note", "nothing", "number", "often", "once", "only",
      "open", "order", "other", "others", "over", "page", "part", "past", "pick", "place",
      "plan", "play", "plus", "point", "poor", "price", "prices", "pull", "push", "quick",
      "quite", "rank", "range", "rate", "rather", "read", "real", "really", "reason", "rest",
      "right", "road", "same", "save", "says", "seen", "sell", "sells", "send", "sent",
      "sets", "shall", "share", "shop", "shops", "short", "should", "show", "shown", "side",
      "sign", "since", "size", "small", "some", "soon", "sort", "spot", "stand", "start",
      "state", "still", "stop", "store", "such", "sure", "take", "taken", "takes", "talk",
      "tell", "tells", "term", "than", "that", "their", "them", "then", "there", "these",
      "they", "thing", "things", "think", "third", "this", "those", "though", "three", "through",
      "time", "times", "told", "took", "total", "toward", "true", "turn", "type", "under",
      "unit", "until", "upon", "used", "user", "uses", "very", "view", "want", "wants",
      "week", "well", "went", "were", "what", "when", "where", "which", "while", "whole",
      "will", "wish", "with", "within", "without", "word", "work", "works", "worth", "would",
      "year", "years", "your");

  private final Set<String> known;
  private final Map<String, String> cache = new HashMap<>();

  Typos(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  /**
   * @param text normalised text, words separated by single spaces
   * @return the text with each mendable word mended
   */
  String mend(String text) {
    String[] words = text.split(" ");
    StringBuilder out = new StringBuilder(text.length());
    for (String w : words) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(mendWord(w));
    }
    return out.toString();
  }

  private String mendWord(String w) {
    if (w.length() < 4 || known.contains(w) || EVERYDAY.contains(w) || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return w;
    }
    synchronized (cache) {
      String hit = cache.get(w);
      if (hit != null) {
        return hit;
      }
    }
    String match = null;
    for (String k : known) {
      if (Math.abs(k.length() - w.length()) <= 1 && k.length() >= 4 && oneEdit(w, k)
          && (w.length() >= 5 || k.length() >= 5 || swapped(w, k))) {
        if (match != null && !match.equals(k)) {
          match = null;
          break;
        }
        match = k;
      }
    }
    String result = match == null ? w : match;
    synchronized (cache) {
      if (cache.size() < 10_000) {
        cache.put(w, result);
      }
    }
    return result;
  }

  /** Whether two words of the same length differ by two adjacent letters swapped. */
  static boolean swapped(String a, String b) {
    return a.length() == b.length() && oneEdit(a, b) && !a.equals(b)
        && java.util.stream.IntStream.range(0, a.length()).filter(i -> a.charAt(i) != b.charAt(i)).count() == 2;
  }

  /** Whether {@code a} and {@code b} differ by one insertion, deletion, substitution or adjacent swap. */
  static boolean oneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (la == lb) {
      int first = -1;
      int diffs = 0;
      for (int i = 0; i < la; i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (diffs == 0) {
            first = i;
          }
          diffs++;
        }
      }
      if (diffs == 1) {
        return true;
      }
      return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
          && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    if (longer.length() - shorter.length() != 1) {
      return false;
    }
    int i = 0;
    while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
      i++;
    }
    return shorter.substring(i).equals(longer.substring(i + 1));
  }
}
