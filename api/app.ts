import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import type { MiddlewareHandler } from 'hono';
import { isMultipart, uploadBodyLimit } from './files/uploads.js';
import type { AppDeps, AppEnv } from './lib/context.js';
import { createRouter } from './lib/create-router.js';
import { dashboardRouter } from './dashboard/index.js';
import { mountDocs } from './lib/docs-page.js';
import { errorBody, notFound, onError } from './lib/errors.js';
import { routers } from './routes/index.js';

// Validation messages people read are Chinese; our own schemas override them where it helps.
z.config(z.locales.zhCN());

export const MAX_BODY_BYTES = 1024 * 1024;

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  // The body was not read: tell the client not to reuse this connection.
  onError: (c) =>
    c.json(errorBody('PAYLOAD_TOO_LARGE', '请求内容超过 1 MB 上限'), 413, {
      Connection: 'close',
    }),
});

/** Requests carrying files (multipart) may be as large as the file store's limit allows. */
const bodyLimitByKind: MiddlewareHandler<AppEnv> = (c, next) =>
  isMultipart(c) ? uploadBodyLimit(c, next) : jsonBodyLimit(c, next);

export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('logger', deps.logger);
    await next();
  });
  app.use(
    '/api/*',
    // The register import takes files up to 5 MB and enforces that limit itself.
    except('/api/enterprises/import', bodyLimitByKind),
  );

  for (const router of routers) app.route('/', router);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API 令牌（演示令牌见数据目录下的 demo-tokens.json）',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '重点工业产品质量安全隐患排查治理专项行动管理系统 API',
      version: '0.1.0',
    },
  });
  mountDocs(app, '/openapi.json');
  app.route('/', dashboardRouter);

  app.notFound(notFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
