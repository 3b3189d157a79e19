# icefake container image: the static icefake binary on an empty base image.
#
# Build it with `make image` (docker or podman, whichever works), which first builds the binary
# this file copies:
#
#   CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags '-s -w' -o bin/image/icefake ./cmd/icefake
#
# and passes VERSION, REVISION and SOURCE as build arguments. The build pulls nothing from a
# registry. Run it with: docker run --rm -p 18930:18930 icefake:latest
FROM scratch

ARG VERSION=unknown
ARG REVISION=unknown
ARG SOURCE=https://github.com/icefake/icefake

LABEL org.opencontainers.image.title="icefake" \
      org.opencontainers.image.description="A high-fidelity fake of Alibaba Cloud Intelligent Media Services (ICE, API 2020-11-09) for SDK tests" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"

COPY bin/image/icefake /icefake

# Inside the container the server listens on every interface; flags after the image name
# (e.g. -scenario /s.yaml -auth-mode off) go to icefake and override the ICEFAKE_* variables.
ENV ICEFAKE_ADDR=0.0.0.0:18930
EXPOSE 18930
# A numeric non-root user: a scratch image has no /etc/passwd to look a name up in.
USER 65532:65532
# healthcheck asks GET /_icefake/healthz on ICEFAKE_ADDR (0.0.0.0 is asked on 127.0.0.1).
HEALTHCHECK --interval=10s --timeout=3s --start-period=2s --retries=3 CMD ["/icefake", "healthcheck"]
ENTRYPOINT ["/icefake"]
