package com.acme;

public final class Config {
    private Config() {}

    public static final String CONNECTIONSTRINGS__DEFAULT = "Server=tcp:db.internal.acme.dev,1433;Initial Catalog=Orders;User ID=reporting;Password=EmcT5Q*Lhntcq4~SrnAG3GgFvW;Encrypt=True;";
}
