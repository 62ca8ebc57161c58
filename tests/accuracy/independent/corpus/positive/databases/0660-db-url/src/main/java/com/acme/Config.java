package com.acme;

public final class Config {
    private Config() {}

    public static final String DATABASE_URL = "mysql://root:ENbCgB7bY8BAGuLdD9vbl@10.0.3.17:3306/shop";
}
