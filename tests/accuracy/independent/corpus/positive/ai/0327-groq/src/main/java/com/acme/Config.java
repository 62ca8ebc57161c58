package com.acme;

public final class Config {
    private Config() {}

    public static final String GROQ_API_KEY = "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";
}
