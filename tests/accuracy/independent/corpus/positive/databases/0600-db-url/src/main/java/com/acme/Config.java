package com.acme;

public final class Config {
    private Config() {}

    public static final String DATABASE_URL = "mysql://svc_billing:bLj7iC8jYlMIzfiZN@10.0.3.17:3306/shop";
}
