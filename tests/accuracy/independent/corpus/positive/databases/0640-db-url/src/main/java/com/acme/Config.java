package com.acme;

public final class Config {
    private Config() {}

    public static final String DATABASE_URL = "mysql://orders_rw:co2DzjGn8=k7G.@postgres:3306/shop";
}
