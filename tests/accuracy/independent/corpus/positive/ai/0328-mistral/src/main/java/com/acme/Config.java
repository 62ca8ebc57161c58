package com.acme;

public final class Config {
    private Config() {}

    public static final String MISTRAL_API_KEY = "agKB9mKg6vhTtlkKp43RQKgkcnZZirzw";
}
