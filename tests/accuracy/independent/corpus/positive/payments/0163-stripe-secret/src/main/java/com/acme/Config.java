package com.acme;

public final class Config {
    private Config() {}

    public static final String STRIPE_API_KEY = "sk_live_4HtkIYj1SdJvVrBGHrlixCWQ";
}
