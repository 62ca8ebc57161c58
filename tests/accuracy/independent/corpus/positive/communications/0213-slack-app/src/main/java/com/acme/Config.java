package com.acme;

public final class Config {
    private Config() {}

    public static final String SLACK_APP_TOKEN = "xapp-1-AJB0MNXOGMW-2287751319181-9a5f31dd7b5a3639a35ad6fd8b1726c40e65dc52f7b097821abaa5bb28d0c3d8";
}
