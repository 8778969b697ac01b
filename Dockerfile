# Client Check: one replica. Untested here (no container registry is reachable from the
# machines this was written on); see docs/operations.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 clientcheck
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=clientcheck:clientcheck . .
# Bytecode compiled once here: with PYTHONDONTWRITEBYTECODE, every start would
# otherwise compile the package from source again.
RUN python -m compileall -q clientcheck
USER clientcheck

EXPOSE 8501
# No curl in the slim image: Python asks the health endpoint itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python3", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# Binds 0.0.0.0:8501, usage statistics off; needs CLIENTCHECK_COOKIE_SECRET.
CMD ["deploy/start.sh"]
