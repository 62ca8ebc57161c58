package com.acme;

public final class Config {
    private Config() {}

    public static final String STRIPE_KEY = "rk_live_647UApM6OCpBqyauP5hA5Qj9";
}
