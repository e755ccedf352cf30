package dev.descent.web.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's fields, from the JSON body of a POST or the query string of a GET, read the way MLflow's clients
 * send them: int64 fields as JSON numbers (Python) or as strings (Java's protobuf JSON), doubles as numbers or as
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; {@code run_id} or its older name {@code run_uuid}.
 * A missing or malformed field is INVALID_INPUT, which MLflow clients see as {@code INVALID_PARAMETER_VALUE}.
 */
final class MlflowRequest {
  private final JsonNode body;
  private final Context ctx;

  private MlflowRequest(JsonNode body, Context ctx) {
    this.body = body;
    this.ctx = ctx;
  }

  static MlflowRequest of(Context ctx) {
    if (!"POST".equals(ctx.method().name()) && !"PATCH".equals(ctx.method().name())) {
      return new MlflowRequest(MissingNode.getInstance(), ctx);
    }
    byte[] bytes = ctx.bodyAsBytes(); // parsed as UTF-8 bytes: faster than decoding to a String first
    if (new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.UTF_8).isBlank()
        && bytes.length <= 64) {
      return new MlflowRequest(MissingNode.getInstance(), null);
    }
    try {
      JsonNode node = MlflowJson.MAPPER.readTree(bytes);
      if (!node.isObject()) {
        throw invalid("Request body must be a JSON object");
      }
      return new MlflowRequest(node, null);
    } catch (JsonProcessingException e) {
      throw invalid("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw invalid("Request body could not be read: " + e.getMessage());
    }
  }

  /** A request over a JSON object already parsed (an element of a batch). */
  static MlflowRequest of(JsonNode node) {
    return new MlflowRequest(node, null);
  }

  String string(String name) {
    if (ctx != null) {
      return ctx.queryParam(name);
    }
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw invalid("Invalid value " + n + " for parameter '" + name + "' supplied: a string is expected");
    }
    return n.asText();
  }

  String required(String name) {
    String s = string(name);
    if (s == null) {
      throw invalid("Missing value for required parameter '" + name + "'. See the API docs for more information"
          + " about request parameters.");
    }
    return s;
  }

  /** The run's id, sent as {@code run_id} or (older clients, and the Java client too) {@code run_uuid}. */
  String runId() {
    String id = string("run_id");
    id = id == null || id.isEmpty() ? string("run_uuid") : id;
    if (id == null || id.isEmpty()) {
      throw invalid("Missing value for required parameter 'run_id'. See the API docs for more information about"
          + " request parameters.");
    }
    return id;
  }

  /** An int64 as a JSON number or a string of digits; null when absent. */
  Long int64(String name) {
    JsonNode n = ctx == null ? body.get(name) : null;
    if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue(); // the Python client's shape, read without going through text
    }
    String s = string(name);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw invalid("Invalid value " + s + " for parameter '" + name + "' supplied: an integer is expected");
    }
  }

  long int64(String name, long otherwise) {
    Long v = int64(name);
    return v == null ? otherwise : v;
  }

  /** A double as a JSON number or one of the strings NaN, Infinity, -Infinity. */
  double number(String name) {
    JsonNode n = ctx == null ? body.get(name) : null;
    if (n != null && n.isNumber()) {
      return n.doubleValue();
    }
    String s = required(name);
    try {
      return switch (s) {
        case "NaN" -> Double.NaN;
        case "Infinity", "inf" -> Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(s);
      };
    } catch (NumberFormatException e) {
      throw invalid("Invalid value " + s + " for parameter '" + name + "' supplied: a number is expected");
    }
  }

  /** A repeated string field: a JSON array, or the query parameter given several times. */
  List<String> strings(String name) {
    if (ctx != null) {
      return ctx.queryParams(name);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : array(name)) {
      out.add(n.asText());
    }
    return out;
  }

  /** A repeated message field (objects); empty when absent. */
  List<JsonNode> array(String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw invalid("Invalid value " + n + " for parameter '" + name + "' supplied: a list is expected");
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  static DescentException invalid(String message) {
    return new DescentException(ErrorCode.INVALID_INPUT, message);
  }
}
