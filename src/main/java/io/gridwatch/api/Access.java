package io.gridwatch.api;

/**
 * What a route needs from its caller. Every route declares one; there is no default. Viewers have READ; admins
 * have everything; tokens have what their scopes give (see {@link io.gridwatch.api.auth.Scope}).
 */
public enum Access {
    /** Anyone: the login page, the version, the OpenAPI document. */
    PUBLIC,
    /** Look at state, events, hosts, schedules. */
    READ,
    /** Act on the site: SET VAR, INSTCMD, drills, Wake-on-LAN. */
    CONTROL,
    /** Change the configuration, users and tokens. */
    ADMIN,
    /** What a protected machine needs: its settings, the UPS state, its own reports. */
    CLIENT
}
