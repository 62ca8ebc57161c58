#!/bin/sh
export SNOWFLAKE_URL="snowflake://etl_user:3CJyFNZxNq1wVOOj!Ho8QPXZdtkn@xy12345.eu-west-1/ANALYTICS/PUBLIC?warehouse=LOAD_WH"
