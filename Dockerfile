# syntax=docker/dockerfile:1
# Gatehouse: one image for both deployment shapes (SPEC §1). Single node: run it with a volume on
# /data. Cluster: run N copies with DATABASE_URL, REDIS_URL and one shared GATEHOUSE_MASTER_KEY.

# ---- build: dev dependencies, TypeScript, the console's static assets ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off (test-only packages such as CLIs would fetch binaries); the one native module
# the server needs is rebuilt explicitly.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The console (web/) is built into dist by `npm run build` when it exists.
COPY web ./web
RUN npm run build && npm prune --omit=dev --ignore-scripts

# ---- runtime: production dependencies only, non-root ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    GATEHOUSE_HOST=0.0.0.0 \
    GATEHOUSE_PORT=8080 \
    GATEHOUSE_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The data dir holds the SQLite file and the generated master key file (single node); owned by the
# unprivileged user the process runs as. The code itself stays root-owned and read-only to it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GATEHOUSE_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains in-flight streams (GATEHOUSE_SHUTDOWN_DRAIN_MS) and flushes usage before exiting;
# give the container at least that long to stop (docker stop -t / stop_grace_period).
CMD ["node", "dist/main.js"]
