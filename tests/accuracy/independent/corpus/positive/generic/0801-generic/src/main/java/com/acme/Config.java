package com.acme;

public final class Config {
    private Config() {}

    public static final String CLIENT_SECRET = "YZoetlgkV57qGuR1Y0V4jbZ+Z";
}
