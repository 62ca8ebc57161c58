#!/bin/sh
echo "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" | docker login ghcr.io -u acme-bot --password-stdin
docker push ghcr.io/acme/api:latest
