# The service in a container, in two stages.
#
# build: the Swift 6.3 toolchain on Debian bookworm compiles a release binary with the
#   Swift runtime linked in, then scripts/runtime-check.sh copies the binary and every
#   shared library `ldd` lists (but the C library) into /runtime.
# runtime: debian:bookworm-slim with that folder, the fonts the notices are set in, and
#   nothing else; the service runs as an unprivileged user with its data on /data.
#
# docker build -t employer-agent . && docker run -p 8080:8080 -v agent-data:/data employer-agent

FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libssl-dev libsqlite3-dev libcairo2-dev libpango1.0-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib --product employer-agent \
 && scripts/runtime-check.sh "$(swift build -c release --show-bin-path)/employer-agent" --into /runtime --skip-libc

FROM debian:bookworm-slim AS runtime
# Fonts for the notices (Latin, the other scripts of the translations, CJK) and the
# fontconfig files pango reads; certificates for outbound TLS (webhooks, the ICA).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates fontconfig-config fonts-noto-core fonts-dejavu-core fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin agent \
 && mkdir -p /data && chown agent:agent /data
COPY --from=build /runtime/ /
ENV AGENT_DATA_DIR=/data \
    AGENT_HOST=0.0.0.0 \
    AGENT_LOG_FORMAT=json
USER agent
VOLUME ["/data"]
EXPOSE 8080
# bash's /dev/tcp: the slim image has no HTTP client, and the check needs none.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/employer-agent"]
CMD ["serve"]
