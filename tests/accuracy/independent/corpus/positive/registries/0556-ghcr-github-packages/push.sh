#!/bin/sh
echo "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" | docker login ghcr.io -u acme-bot --password-stdin
docker push ghcr.io/acme/api:latest
