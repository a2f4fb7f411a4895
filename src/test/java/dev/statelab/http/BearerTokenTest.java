package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BearerTokenTest extends HttpApiTest {

    @Autowired
    JwtEncoder serverKey;

    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void basicCredentialsBuyATokenThatTheFileApiAccepts() {
        HttpResponse<String> issued = send(asUser(uri("/api/http/token")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(issued.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        String token = body.get("access_token").asString();

        String dir = folder("bearer-ok");
        HttpResponse<String> upload = send(HttpRequest.newBuilder(files(dir + "/t.txt")).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString("by token")).build());
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(get(dir + "/t.txt").body()).isEqualTo("by token");
    }

    @Test
    void theTokenCarriesTheUserAndTheRoles() {
        JsonNode claims = claims(token(ADMIN, ADMIN_PASSWORD));
        assertThat(claims.get("sub").asString()).isEqualTo(ADMIN);
        assertThat(claims.get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(claims(token(USER, USER_PASSWORD)).get("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(3600);
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("statelab").subject(USER).issuedAt(past)
                .expiresAt(past.plusSeconds(300)).claim("roles", List.of("USER")).build();
        String expired = serverKey.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        HttpResponse<String> response = send(HttpRequest.newBuilder(files("")).header("Authorization", "Bearer " + expired).build());
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = token(USER, USER_PASSWORD).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"" + USER + "\"", "\"" + ADMIN + "\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertProblem(send(HttpRequest.newBuilder(files("")).header("Authorization", "Bearer " + forged).build()), 401);
        assertProblem(send(HttpRequest.newBuilder(files("")).header("Authorization", "Bearer not.a.token").build()), 401);
    }

    @Test
    void aTokenCannotBeTradedForAFreshOne() {
        String token = token(USER, USER_PASSWORD);
        assertProblem(send(HttpRequest.newBuilder(uri("/api/http/token")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 403);
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertProblem(send(as(USER, "wrong", uri("/api/http/token")).POST(HttpRequest.BodyPublishers.noBody()).build()), 401);
    }

    @Test
    void basicAndBearerChecksAreTimedByKind() {
        long basicBefore = timer("basic").count();
        long bearerBefore = timer("bearer").count();
        String token = token(USER, USER_PASSWORD);
        get("");
        send(HttpRequest.newBuilder(files("")).header("Authorization", "Bearer " + token).build());
        send(HttpRequest.newBuilder(files("")).header("Authorization", "Bearer " + token + "x").build());
        assertThat(timer("basic").count() - basicBefore).isEqualTo(2);
        assertThat(timer("bearer").count() - bearerBefore).isEqualTo(2);
        assertThat(timer("basic").getId().getTags()).hasSize(1);
    }

    private Timer timer(String kind) {
        return meters.get("statelab.auth.checks").tag("kind", kind).timer();
    }

    private String token(String user, String password) {
        HttpResponse<String> issued = send(as(user, password, uri("/api/http/token")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(issued.statusCode()).isEqualTo(200);
        return json.readTree(issued.body()).get("access_token").asString();
    }

    private JsonNode claims(String token) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
