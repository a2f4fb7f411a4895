package dev.statelab.users;

/**
 * The address a password check comes from, for a caller that is not an HTTP request (the FTP-style
 * engine, the FTP port): set it as the {@code details} of the authentication request. HTTP Basic
 * carries Spring Security's {@code WebAuthenticationDetails} instead.
 */
public record ClientAddress(String value) {
}
