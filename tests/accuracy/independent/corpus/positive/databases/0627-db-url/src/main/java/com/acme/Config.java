package com.acme;

public final class Config {
    private Config() {}

    public static final String JDBC_URL = "jdbc:sqlserver://postgres:1433;databaseName=orders;user=reporting;password=PYz1chU8V-2CQ1yHYxd;encrypt=true";
}
