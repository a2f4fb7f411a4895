package dev.statelab.web;

import org.springframework.core.Ordered;

/**
 * The order of every servlet filter and security filter chain, in one place. A request meets them so:
 * <pre>
 *  order                 filter                     URLs           what it does
 *  ───────────────────── ────────────────────────── ────────────── ─────────────────────────────────────────
 *  HIGHEST + 10          ApiTrafficFilter           /api/http, ftp counts requests and bytes, refused ones too
 *  HIGHEST + 20          CrossOriginProtection      all            403 for a browser's cross-site unsafe
 *                                                                  request, before a body or password is read
 *  HIGHEST + 30          SlowBodyGuard              all            cuts a request body that trickles
 *  HIGHEST + 40          DirectFileDownloads        /api/http/files the short way for a plain GET with Basic:
 *                                                                  what the stateless chain would check, then
 *                                                                  the file, without the chain's filters
 *  HIGHEST + 48          StoreOutage                /api/ftp       503 problem+json when the session store is unreachable
 *  HIGHEST + 49          OneCommandPerSession       /api/ftp       one request per session at a time (local
 *                                                                  turn, then the store's lease)
 *  HIGHEST + 50          SessionRepositoryFilter    /api/ftp       the session named by X-Auth-Token
 *  -100                  Spring Security            all            the first chain whose URLs match:
 *      20                  stateless API chain      /api/http/**     Basic or bearer, never a session
 *      30                  FTP-style chain          /api/ftp/**      session token
 *      40                  comparison chain         /api/compare/**  Basic, admins
 *      45                  sockets lab chain        /api/sockets/**  Basic, any account
 *      50                  relay chain              /api/relay/**, /ws/**
 *      LOWEST              default chain            the rest         pages and docs open, actuator admins
 *  0                     DirectFileDownloads        /api/http/files the short way for a plain GET with a
 *                                                                  bearer token, once the chain checked it
 *  then Spring MVC's dispatcher
 * </pre>
 * Every password check inside those chains passes the one login throttle first.
 */
public final class FilterOrders {

    public static final int API_TRAFFIC = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int CROSS_ORIGIN = Ordered.HIGHEST_PRECEDENCE + 20;
    public static final int SLOW_BODY = Ordered.HIGHEST_PRECEDENCE + 30;
    /** Spring Session's {@code SessionRepositoryFilter.DEFAULT_ORDER}. */
    public static final int FTP_SESSION = Ordered.HIGHEST_PRECEDENCE + 50;
    /** Outside the session filter: a request's whole load, command and save is one turn. */
    public static final int FTP_ONE_COMMAND = FTP_SESSION - 1;
    /** Outside the session's turn: a store failure anywhere inside answers 503. */
    public static final int FTP_STORE_OUTAGE = FTP_SESSION - 2;
    /** Spring Boot's {@code spring.security.filter.order} default. */
    public static final int SECURITY = -100;
    /** Ahead of security, which it stands in for on a plain Basic GET; after the body and origin guards. */
    public static final int DIRECT_DOWNLOADS_BEFORE_SECURITY = Ordered.HIGHEST_PRECEDENCE + 40;
    /** After security, so every request it sees is authenticated. */
    public static final int DIRECT_DOWNLOADS_AFTER_SECURITY = 0;

    public static final int STATELESS_CHAIN = 20;
    public static final int FTP_CHAIN = 30;
    public static final int COMPARE_CHAIN = 40;
    public static final int SOCKETS_CHAIN = 45;
    public static final int RELAY_CHAIN = 50;
    public static final int DEFAULT_CHAIN = Ordered.LOWEST_PRECEDENCE;

    private FilterOrders() {
    }
}
