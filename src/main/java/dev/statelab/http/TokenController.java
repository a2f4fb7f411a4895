package dev.statelab.http;

import java.time.Instant;
import java.util.List;

import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trades a user name and password for a short-lived signed token. The token carries the user and the
 * roles, so the server checks it with its key alone, without a lookup; the price is that it cannot be
 * taken back before it expires.
 */
@RestController
@Tag(name = "Stateless token", description = "A signed bearer token for the stateless file API")
class TokenController {

    private final JwtEncoder encoder;
    private final TokenProperties properties;

    TokenController(JwtEncoder encoder, TokenProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    @PostMapping(value = "/api/http/token", produces = "application/json")
    @Operation(summary = "Get a signed bearer token",
            description = "Send HTTP Basic; use the token as 'Authorization: Bearer <token>' on the file API until "
                    + "it expires. It cannot be revoked earlier. A token cannot be traded for a new one.",
            security = @SecurityRequirement(name = OpenApiConfig.BASIC))
    @ApiResponse(responseCode = "200", description = "The token")
    @ApiResponse(responseCode = "401", description = "Missing or wrong user name or password",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    @ApiResponse(responseCode = "403", description = "Asked with a bearer token instead of a password",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(hidden = true)))
    ResponseEntity<TokenResponse> issue(Authentication user) {
        if (!(user instanceof UsernamePasswordAuthenticationToken)) {
            // otherwise a token could be renewed forever and its expiry would mean nothing
            throw new AccessDeniedException("a token is issued for a password only");
        }
        Instant now = Instant.now();
        List<String> roles = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(name -> name != null && name.startsWith("ROLE_"))
                .map(name -> name.substring("ROLE_".length()))
                .toList();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(user.getName())
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim(StatelessSecurityConfig.ROLES_CLAIM, roles)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(token, "Bearer", properties.ttl().toSeconds()));
    }
}
