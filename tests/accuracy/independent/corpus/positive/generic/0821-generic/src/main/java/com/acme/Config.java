package com.acme;

public final class Config {
    private Config() {}

    public static final String CLIENT_SECRET = "SVnlO67MXf40Vc8MJjVr=D4o801D";
}
