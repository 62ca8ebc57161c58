package com.acme;

public final class Config {
    private Config() {}

    public static final String OPENAI_KEY = "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";
}
