#!/bin/sh
echo "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" | docker login ghcr.io -u acme-bot --password-stdin
docker push ghcr.io/acme/api:latest
