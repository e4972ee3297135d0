# AuditDesk API (serving the web UI from dist/web) and worker (one image; docker-compose.yml picks the command).
FROM node:20-bookworm-slim

WORKDIR /app

COPY package.json package-lock.json ./
# npm ci refuses package-lock.json while it lacks some optional platform packages; see scripts/bootstrap.mjs.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

COPY . .
# Nest keeps the source layout under dist/apps/<app> when an app compiles shared libs;
# link each entry point to a fixed path so the commands below do not depend on it.
RUN npx prisma generate \
 && npx vite build --config apps/web/vite.config.mts \
 && npx nest build api \
 && npx nest build worker \
 && for app in api worker; do \
      entry=$(ls dist/apps/$app/main.js dist/apps/$app/apps/$app/src/main.js 2>/dev/null | head -n 1); \
      [ -n "$entry" ] || exit 1; \
      ln -sf "/app/$entry" "dist/$app.js"; \
    done \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /var/lib/auditdesk/storage && chown node:node /var/lib/auditdesk/storage

ENV NODE_ENV=production
# Evidence files (local storage driver): mount a volume here, shared by API and worker.
ENV STORAGE_DIR=/var/lib/auditdesk/storage
USER node
EXPOSE 3000 3001
CMD ["sh", "-c", "npx prisma migrate deploy && exec node dist/api.js"]
