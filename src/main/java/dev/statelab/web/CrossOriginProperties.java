package dev.statelab.web;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedOrigins origins (scheme, host and port, as a browser sends them in {@code Origin}) whose
 *                       pages may change things here although they are another site; empty by default
 */
@ConfigurationProperties("statelab.cross-origin")
public record CrossOriginProperties(@DefaultValue Set<String> trustedOrigins) {
}
