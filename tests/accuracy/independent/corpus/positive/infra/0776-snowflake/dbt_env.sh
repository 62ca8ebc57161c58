#!/bin/sh
export SNOWFLAKE_URL="snowflake://etl_user:qJ3uygS2p3rX!y60xASHK5t1W@xy12345.eu-west-1/ANALYTICS/PUBLIC?warehouse=LOAD_WH"
