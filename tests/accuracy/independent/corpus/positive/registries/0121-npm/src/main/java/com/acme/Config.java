package com.acme;

public final class Config {
    private Config() {}

    public static final String NPM_TOKEN = "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";
}
