package com.acme;

public final class Config {
    private Config() {}

    public static final String PASSWD = "W1i0WDd*VHEdaZk0_I4";
}
