#!/bin/sh
# One-shot job (temporalio/admin-tools): creates the namespace Agent Hub uses and registers the
# AgentHubPipeline Keyword search attribute that the API's visibility listing queries. Idempotent.
set -eu
: "${TEMPORAL_ADDRESS:=temporal:7233}" "${TEMPORAL_NAMESPACE:=default}" "${NAMESPACE_RETENTION:=7d}"
export TEMPORAL_ADDRESS

attempt=0
until temporal operator cluster health >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "create-namespace: Temporal at $TEMPORAL_ADDRESS is not healthy after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "create-namespace: namespace $TEMPORAL_NAMESPACE exists"
else
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$NAMESPACE_RETENTION"
fi

if temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | grep -qw AgentHubPipeline; then
  echo "create-namespace: search attribute AgentHubPipeline exists"
else
  temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" \
    --name AgentHubPipeline --type Keyword
fi
echo "create-namespace: done"
