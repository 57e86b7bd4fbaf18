# The service in a container: the Swift toolchain image (Debian-based), then the same
# setup script a developer runs.
FROM swift:6.3-bookworm
WORKDIR /app
COPY . .
RUN scripts/setup.sh --no-start --release
EXPOSE 8080
CMD ["sh", "-c", "$(swift build -c release --show-bin-path)/employer-agent serve"]
