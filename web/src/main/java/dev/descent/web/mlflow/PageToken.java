package dev.descent.web.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * MLflow's page tokens: base64 of {@code {"offset": N}}, as MLflow's own server writes them, so a token is
 * opaque to clients yet readable when debugging. A token that does not decode is INVALID_INPUT.
 */
final class PageToken {
  private PageToken() {}

  static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      JsonNode n = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      int offset = n.get("offset").asInt(-1);
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      return offset;
    } catch (Exception e) {
      throw MlflowRequest.invalid("Invalid page token, could not base64-decode: " + token);
    }
  }

  static String next(int offset) {
    return Base64.getUrlEncoder().encodeToString(Json.write(Map.of("offset", offset)).getBytes(StandardCharsets.UTF_8));
  }
}
