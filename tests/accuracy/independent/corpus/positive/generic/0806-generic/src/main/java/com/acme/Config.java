package com.acme;

public final class Config {
    private Config() {}

    public static final String APP_SECRET = "bb73824f1dfdea581dc9e3910727c26361d7c23133c64b49";
}
