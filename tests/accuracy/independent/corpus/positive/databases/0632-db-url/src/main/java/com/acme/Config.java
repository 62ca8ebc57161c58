package com.acme;

public final class Config {
    private Config() {}

    public static final String MONGODB_URI = "mongodb+srv://reporting:B61O+m.hrmzgo3e~MAocDo9Pl@cluster0.omimj.mongodb.net/prod?retryWrites=true&w=majority";
}
