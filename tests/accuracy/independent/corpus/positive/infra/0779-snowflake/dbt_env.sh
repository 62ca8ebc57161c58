#!/bin/sh
export SNOWFLAKE_URL="snowflake://etl_user:qBsKrUFUZKH49o@xy12345.eu-west-1/ANALYTICS/PUBLIC?warehouse=LOAD_WH"
