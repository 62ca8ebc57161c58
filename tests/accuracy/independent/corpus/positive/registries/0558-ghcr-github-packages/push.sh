#!/bin/sh
echo "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" | docker login ghcr.io -u acme-bot --password-stdin
docker push ghcr.io/acme/api:latest
