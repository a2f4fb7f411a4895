package dev.statelab.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpVerb;
import dev.statelab.ftp.engine.FtpVerbs;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/** The one-endpoint-per-command face carries exactly the verbs the table gives it. */
class FtpVerbTableFacesTest {

    @Test
    void everyEndpointVerbOfTheTableHasItsEndpointAndNoEndpointIsMissingFromTheTable() {
        Set<String> mapped = Arrays.stream(CommandEndpointsController.class.getDeclaredMethods())
                .flatMap(method -> Arrays.stream(paths(method)))
                .map(path -> path.substring(1).toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Set<String> table = FtpVerbs.all().stream().filter(verb -> verb.implementedOn(FtpFace.ENDPOINTS))
                .map(FtpVerb::name).collect(Collectors.toSet());
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(table);
    }

    /**
     * Which requests may start from an instance's copy of the session without its lease: those that are
     * one command through the engine and can run again. Those that change files, a session's life or
     * stream a download take the lease first; so does every request outside the command endpoints.
     */
    @Test
    void onlyTheRawLineAndTheEndpointsOfCommandsThatTouchOnlyTheSessionStartWithoutTheLease() {
        for (FtpVerb verb : FtpVerbs.all()) {
            if (verb.implementedOn(FtpFace.ENDPOINTS)) {
                String path = "/api/ftp/" + verb.name().toLowerCase(Locale.ROOT);
                assertThat(OneCommandPerSession.mayStartOptimistically(request(path))).as(path)
                        .isEqualTo(FtpVerbs.onlyTouchesTheSession(verb.name()));
            }
        }
        assertThat(OneCommandPerSession.mayStartOptimistically(request("/api/ftp/command"))).isTrue();
        assertThat(OneCommandPerSession.mayStartOptimistically(request("/api/ftp/pwd"))).isTrue();
        for (String path : Set.of("/api/ftp/retr", "/api/ftp/stor", "/api/ftp/appe", "/api/ftp/dele", "/api/ftp/rnto",
                "/api/ftp/mkd", "/api/ftp/rmd", "/api/ftp/session", "/api/ftp/sessions", "/api/ftp/sessions/abc",
                "/api/ftp/PWD", "/api/ftp/pwd/x", "/api/ftp/user", "/api/ftp/quit", "/api/ftp/", "/api/http/files/pwd")) {
            assertThat(OneCommandPerSession.mayStartOptimistically(request(path))).as(path).isFalse();
        }
    }

    private static org.springframework.mock.web.MockHttpServletRequest request(String path) {
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return request;
    }

    private static String[] paths(java.lang.reflect.Method method) {
        if (method.getAnnotation(GetMapping.class) != null) {
            return method.getAnnotation(GetMapping.class).value();
        }
        if (method.getAnnotation(PostMapping.class) != null) {
            return method.getAnnotation(PostMapping.class).value();
        }
        if (method.getAnnotation(PutMapping.class) != null) {
            return method.getAnnotation(PutMapping.class).value();
        }
        if (method.getAnnotation(DeleteMapping.class) != null) {
            return method.getAnnotation(DeleteMapping.class).value();
        }
        return new String[0];
    }
}
