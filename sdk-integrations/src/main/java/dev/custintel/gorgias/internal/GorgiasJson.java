package dev.custintel.gorgias.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.gorgias.CreateTicketRequest;
import dev.custintel.gorgias.Customer;
import dev.custintel.gorgias.GorgiasPage;
import dev.custintel.gorgias.Participant;
import dev.custintel.gorgias.Ticket;
import dev.custintel.gorgias.TicketMessage;
import dev.custintel.gorgias.TicketStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the API's JSON into our records and writes request bodies. Reads by hand from a tree: fields we do not
 * know are ignored, and the public records carry no Jackson annotations. Not API.
 */
final class GorgiasJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GorgiasJson() {}

  /** @throws IllegalArgumentException if the text is not JSON */
  static JsonNode read(String body) {
    if (body.isBlank()) {
      return MAPPER.missingNode();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** The list envelope: {@code {"data":[...],"meta":{"next_cursor":..,"prev_cursor":..}}}. */
  static <T> GorgiasPage<T> page(JsonNode root, Function<JsonNode, T> item) {
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw new IllegalArgumentException("a list response has no 'data' array");
    }
    List<T> items = new ArrayList<>(data.size());
    for (JsonNode n : data) {
      items.add(item.apply(n));
    }
    JsonNode meta = root.path("meta");
    return new GorgiasPage<>(items, text(meta, "next_cursor"), text(meta, "prev_cursor"));
  }

  static Ticket ticket(JsonNode n) {
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : n.path("tags")) {
      String name = tag.isTextual() ? tag.asText() : text(tag, "name");
      if (name != null) {
        tags.add(name);
      }
    }
    JsonNode customer = n.path("customer");
    return new Ticket(
        requiredId(n, "ticket"),
        text(n, "external_id"),
        TicketStatus.fromWire(text(n, "status")),
        text(n, "channel"),
        text(n, "via"),
        text(n, "subject"),
        customer.isObject() ? customer(customer) : null,
        tags,
        n.path("spam").asBoolean(false),
        time(n, "created_datetime"),
        time(n, "updated_datetime"),
        time(n, "opened_datetime"),
        time(n, "closed_datetime"),
        time(n, "last_message_datetime"),
        time(n, "last_received_message_datetime"));
  }

  static TicketMessage message(JsonNode n) {
    return new TicketMessage(
        requiredId(n, "message"),
        n.path("ticket_id").asLong(0),
        text(n, "external_id"),
        text(n, "channel"),
        text(n, "via"),
        n.path("from_agent").asBoolean(false),
        n.path("public").asBoolean(true),
        participant(n.path("sender")),
        participant(n.path("receiver")),
        text(n, "subject"),
        text(n, "body_text"),
        text(n, "body_html"),
        time(n, "created_datetime"),
        time(n, "sent_datetime"),
        time(n, "failed_datetime"));
  }

  static Customer customer(JsonNode n) {
    return new Customer(
        requiredId(n, "customer"),
        text(n, "email"),
        text(n, "name"),
        text(n, "firstname"),
        text(n, "lastname"),
        text(n, "external_id"),
        time(n, "created_datetime"),
        time(n, "updated_datetime"));
  }

  private static @Nullable Participant participant(JsonNode n) {
    if (!n.isObject()) {
      return null;
    }
    JsonNode id = n.path("id");
    return new Participant(id.canConvertToLong() ? id.asLong() : null, text(n, "email"), text(n, "name"));
  }

  /** The API-channel recipe of Gorgias's "create a ticket using API" tutorial, one incoming message. */
  static String createTicket(CreateTicketRequest r, Instant sentAt) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("external_id", r.externalId());
    root.put("channel", "api");
    root.put("via", "api");
    root.put("from_agent", false);
    if (r.subject() != null) {
      root.put("subject", r.subject());
    }
    if (!r.tags().isEmpty()) {
      ArrayNode tags = root.putArray("tags");
      r.tags().forEach(name -> tags.addObject().put("name", name));
    }
    ObjectNode message = root.putArray("messages").addObject();
    message.put("channel", "api");
    message.put("via", "api");
    message.put("from_agent", false);
    // The recipe names the customer only as the sender; Gorgias makes the sender the ticket's customer.
    ObjectNode sender = message.putObject("sender").put("email", r.customerEmail());
    if (r.customerName() != null) {
      sender.put("name", r.customerName());
    }
    if (r.subject() != null) {
      message.put("subject", r.subject());
    }
    message.put("body_text", r.bodyText());
    if (r.bodyHtml() != null) {
      message.put("body_html", r.bodyHtml());
    }
    message.put("sent_datetime", Timestamps.format(sentAt));
    return root.toString();
  }

  static String status(TicketStatus status) {
    return MAPPER.createObjectNode().put("status", status.wireName()).toString();
  }

  static String tagNames(List<String> names) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode array = root.putArray("names");
    names.forEach(array::add);
    return root.toString();
  }

  /**
   * The error shape of the API's docs: {@code {"error":{"msg":"...","data":{"field":["..."]}}}}. Anything else
   * gives no message and no field errors.
   */
  static ApiError error(String body) {
    JsonNode root;
    try {
      root = read(body);
    } catch (IllegalArgumentException e) {
      return new ApiError(null, Map.of());
    }
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      return new ApiError(error.asText(), Map.of());
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    collect(error.path("data"), "", fields);
    return new ApiError(text(error, "msg"), fields);
  }

  private static void collect(JsonNode node, String path, Map<String, List<String>> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into);
      }
    } else if (node.isArray() && node.size() > 0 && !node.get(0).isContainerNode()) {
      List<String> messages = new ArrayList<>();
      node.forEach(m -> messages.add(m.asText()));
      into.put(path.isEmpty() ? "_" : path, List.copyOf(messages));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, into);
      }
    } else if (node.isValueNode() && !node.isNull()) {
      into.put(path.isEmpty() ? "_" : path, List.of(node.asText()));
    }
  }

  private static long requiredId(JsonNode n, String what) {
    JsonNode id = n.path("id");
    if (!id.canConvertToLong()) {
      throw new IllegalArgumentException("a " + what + " has no numeric 'id'");
    }
    return id.asLong();
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  /** A datetime we cannot read is left out rather than failing the whole response. */
  private static @Nullable Instant time(JsonNode n, String field) {
    try {
      return Timestamps.parse(text(n, field));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The API's error message and per-field messages. */
  record ApiError(@Nullable String message, Map<String, List<String>> fieldErrors) {}
}
