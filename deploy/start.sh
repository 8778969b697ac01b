#!/bin/sh
# Start one Client Check replica: the container image and the proxy tests both run this.
#
#   CLIENTCHECK_COOKIE_SECRET  required: the same random value on every replica
#                              (Streamlit reads it as STREAMLIT_SERVER_COOKIE_SECRET)
#   CLIENTCHECK_ADDRESS        address to listen on (default 0.0.0.0, inside a container)
#   CLIENTCHECK_PORT           port (default 8501)
#   PYTHON                     the interpreter with requirements.txt installed (default python3)
#
# It serves deploy/serve.py: app.py with the security headers on every response and a
# message budget per websocket (deploy/security.py). Everything else comes from
# .streamlit/config.toml in the repository folder (XSRF on, upload cap, no usage statistics).
set -eu
cd "$(dirname "$0")/.."

if [ -z "${CLIENTCHECK_COOKIE_SECRET:-}" ]; then
    echo "start.sh: set CLIENTCHECK_COOKIE_SECRET to the same random value on every replica" >&2
    exit 2
fi
# From the environment, not the command line: a command line is visible to every local user.
STREAMLIT_SERVER_COOKIE_SECRET="$CLIENTCHECK_COOKIE_SECRET"
export STREAMLIT_SERVER_COOKIE_SECRET
unset CLIENTCHECK_COOKIE_SECRET

exec "${PYTHON:-python3}" -m streamlit run deploy/serve.py \
    --server.address "${CLIENTCHECK_ADDRESS:-0.0.0.0}" \
    --server.port "${CLIENTCHECK_PORT:-8501}" \
    --server.headless true \
    --browser.gatherUsageStats false
