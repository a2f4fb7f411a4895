package dev.statelab.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A signed bearer token, in the OAuth 2 token response shape. */
@Schema(description = "A signed bearer token for the stateless API")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(description = "Send as 'Authorization: Bearer <token>'",
                example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl") String accessToken,
        @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until it expires", example = "300") long expiresIn) {
}
