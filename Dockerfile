# syntax=docker/dockerfile:1
#
# One image for both processes of the campaign manager:
#   API    (default)  npx tsx api/server.ts
#   worker (override) npx tsx worker.ts
# See docker-compose.yml for how they are wired to Temporal, PostgreSQL and SMTP.

FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so that source edits do not invalidate the `npm ci` layer.
# The postinstall hook runs `node scripts/prisma-offline.mjs generate`, which needs the Prisma
# schema and prisma.config.ts; it writes the client to prisma/generated (ignored by .dockerignore).
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-offline.mjs ./scripts/
COPY prisma/ ./prisma/

# The engine variables point at the placeholder file so that @prisma/engines' own postinstall
# skips downloading native engines: the app uses the WASM query compiler (engineType = "client").
RUN PRISMA_QUERY_ENGINE_LIBRARY=/app/prisma/no-native-engine \
    PRISMA_SCHEMA_ENGINE_BINARY=/app/prisma/no-native-engine \
    npm ci --no-audit --no-fund \
 && npm cache clean --force

COPY . .

# /app/data holds runtime state (DATA_DIR); create it owned by the unprivileged user so that a
# named volume mounted there inherits the ownership. Everything else stays read-only for `node`.
RUN mkdir -p /app/data && chown node:node /app/data

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false

USER node

EXPOSE 3000

CMD ["npx", "tsx", "api/server.ts"]
