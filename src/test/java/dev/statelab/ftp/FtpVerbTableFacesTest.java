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
