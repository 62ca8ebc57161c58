package com.acme;

public final class Config {
    private Config() {}

    public static final String MONGODB_URI = "mongodb+srv://app:c8hyuvCEdOzL3vyC@cluster0.zufg6.mongodb.net/prod?retryWrites=true&w=majority";
}
