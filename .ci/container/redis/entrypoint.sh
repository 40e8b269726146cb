#!/bin/sh
# The official image's entrypoint contract: options alone run redis-server with them; as root, drop to redis.
set -eu
if [ "${1#-}" != "$1" ] || [ $# -eq 0 ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server --protected-mode no "$@"
  if [ "$(id -u)" = 0 ]; then
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
