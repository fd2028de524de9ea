# syntax=docker/dockerfile:1
# Fordring's container image (docs/OPERATIONS.md, "Container"). Three stages:
#   build   – every dependency, then `npm run build` (the portal into dist/web)
#   deps    – the production dependencies only (`npm ci --omit=dev`: no Vite, no TypeScript compiler)
#   runtime – those, the sources (run through tsx, a production dependency) and the built portal;
#             runs as the unprivileged `node` user, answers its HEALTHCHECK at /health/live.
# CI has no container daemon: scripts/check-container-build.mjs performs these stages' steps
# outside docker, in a temporary folder, and starts the result as the runtime stage would.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    FORDRING_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json LICENSE ./
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY assets ./assets
COPY --from=build /app/dist ./dist
# The embedded database's folder (unused with DATABASE_URL), owned by the user the process runs as.
COPY --from=build --chown=node:node /app/deploy/data-dir /data
USER node
EXPOSE 3000
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/fordring.js"]
CMD ["serve"]
