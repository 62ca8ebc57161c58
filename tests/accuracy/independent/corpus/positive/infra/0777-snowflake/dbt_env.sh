#!/bin/sh
export SNOWFLAKE_URL="snowflake://etl_user:O8W8KX6FKj8NMdk1@xy12345.eu-west-1/ANALYTICS/PUBLIC?warehouse=LOAD_WH"
