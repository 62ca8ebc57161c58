#!/bin/sh
echo "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" | docker login ghcr.io -u acme-bot --password-stdin
docker push ghcr.io/acme/api:latest
