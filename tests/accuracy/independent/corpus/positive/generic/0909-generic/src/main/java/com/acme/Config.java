package com.acme;

public final class Config {
    private Config() {}

    public static final String CLIENT_SECRET = "yQ4KuxfhvunSJkZfReMy5Ib8";
}
