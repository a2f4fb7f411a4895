package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A plain Basic GET is answered ahead of the security chain ({@link DirectFileDownloads#beforeSecurity});
 * the same request with a query string goes the whole way, through the chain and Spring MVC. Both must
 * give the same answer to the byte (but for the Date), check a password once and count a failure once.
 * Its own context, with a user of its own to lock out, so no other test meets the lock.
 */
class DownloadsAheadOfTheChainTest extends HttpApiTest {

    private static final String LOCKED = "cy";
    private static final String LOCKED_PASSWORD = "cy-secret";

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("statelessApiChain")
    SecurityFilterChain statelessApiChain;

    @DynamicPropertySource
    static void lockableUser(DynamicPropertyRegistry registry) {
        registry.add("statelab.users.accounts." + LOCKED + ".password", () -> "{noop}" + LOCKED_PASSWORD);
        registry.add("statelab.users.lockout.max-failures-per-address", () -> "1000");
    }

    @Test
    void theShortWayAnswersAsTheWholeWayWould() throws Exception {
        String dir = folder("ahead-same");
        String etag = put(dir + "/page.html", "<p>hi</p>").headers().firstValue("ETag").orElseThrow();
        post(dir + "/sub?action=mkdir");
        String good = "Authorization: " + basic(USER, USER_PASSWORD) + "\r\n";
        List<String> heads = List.of(
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\n" + good,
                "HEAD /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\n" + good,
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\n" + good + "If-None-Match: " + etag + "\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\n" + good + "If-None-Match: \"other\"\r\n",
                "GET /api/http/files/" + dir + "/missing.txt%s HTTP/1.1\r\n" + good,
                "GET /api/http/files/" + dir + "/sub%s HTTP/1.1\r\n" + good,
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: " + basic(USER, "wrong") + "\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: " + basic("nobody", "x") + "\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: Basic\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: Basic %%%%%%\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: Basic "
                        + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)) + "\r\n",
                // a value the firewall refuses (a C1 control character), where the password is read
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\nAuthorization: " + basic(USER, USER_PASSWORD)
                        + "\u0085\r\n",
                "GET /api/http/files/" + dir + "/page.html%s HTTP/1.1\r\n" + good + "X-Note: a\u0085b\r\n",
                "GET /api/http/files/" + dir + "/a%%2F..%%2F..%%2Fetc%s HTTP/1.1\r\n" + good);
        for (String head : heads) {
            String shortWay = exchange(head.formatted(""));
            String wholeWay = exchange(head.formatted("?via=chain"));
            assertThat(shortWay).as(head).isEqualTo(wholeWay);
        }
        assertThat(exchange(heads.get(0).formatted(""))).startsWith("HTTP/1.1 200 ").contains("X-Frame-Options: DENY")
                .contains("Content-Security-Policy: sandbox").endsWith("<p>hi</p>");
        assertThat(exchange(heads.get(6).formatted(""))).startsWith("HTTP/1.1 401 ").contains("WWW-Authenticate: Basic");
        assertThat(exchange(heads.get(11).formatted(""))).startsWith("HTTP/1.1 400 ").contains("X-Frame-Options: DENY");
    }

    @Test
    void aRequestThatGoesOnHasItsPasswordCheckedOnce() {
        String dir = folder("ahead-once");
        put(dir + "/a.txt", "a");
        long before = basicChecks();
        assertThat(get(dir + "/a.txt").statusCode()).isEqualTo(200);
        assertThat(basicChecks()).isEqualTo(before + 1);
        assertThat(get(dir + "/missing.txt").statusCode()).isEqualTo(404); // checked ahead, answered by the controller
        assertThat(basicChecks()).isEqualTo(before + 2);
    }

    @Test
    void aWrongPasswordCountsOnceTowardsTheLockEitherWay() throws Exception {
        String plain = "GET /api/http/files/a.txt%s HTTP/1.1\r\nAuthorization: %s\r\n";
        String wrong = basic(LOCKED, "wrong");
        for (int i = 0; i < 4; i++) {
            assertThat(exchange(plain.formatted("", wrong))).as("failure %d, the short way", i + 1).startsWith("HTTP/1.1 401 ");
        }
        assertThat(exchange(plain.formatted("?via=chain", wrong))).as("failure 5, the whole way").startsWith("HTTP/1.1 401 ");
        String right = basic(LOCKED, LOCKED_PASSWORD);
        String shortWay = exchange(plain.formatted("", right));
        String wholeWay = exchange(plain.formatted("?via=chain", right));
        assertThat(shortWay).startsWith("HTTP/1.1 429 ").contains("Retry-After: ");
        assertThat(withoutRetryAfter(shortWay)).isEqualTo(withoutRetryAfter(wholeWay));
    }

    /**
     * The short way applies to a plain Basic GET what these filters would; a filter added to the chain
     * must be weighed there too, or such requests would pass by it. (The resource metadata filter answers
     * only {@code /.well-known/oauth-protected-resource}, never a file's URL.)
     */
    @Test
    void theChainItStandsInForHasTheFiltersItWasBuiltAgainst() {
        assertThat(statelessApiChain.getFilters()).extracting(filter -> filter.getClass().getSimpleName()).containsExactly(
                "DisableEncodeUrlFilter", "WebAsyncManagerIntegrationFilter", "SecurityContextHolderFilter",
                "HeaderWriterFilter", "OAuth2ProtectedResourceMetadataFilter", "BearerTokenAuthenticationFilter", "BasicAuthenticationFilter",
                "SecurityContextHolderAwareRequestFilter", "SessionManagementFilter", "ExceptionTranslationFilter",
                "AuthorizationFilter");
    }

    private long basicChecks() {
        return meters.get(TrafficMeters.AUTH_CHECKS).tag("kind", AuthChecks.BASIC).timer().count();
    }

    /** All the server sent but its Date header, which may tick between two requests. */
    private String exchange(String head) throws Exception {
        String response = RawHttp.exchange(port, head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n", out -> {
        });
        return response.lines().filter(line -> !line.startsWith("Date: ")).collect(Collectors.joining("\n"));
    }

    private static String withoutRetryAfter(String response) {
        return response.lines().filter(line -> !line.startsWith("Retry-After: ")).collect(Collectors.joining("\n"));
    }
}
