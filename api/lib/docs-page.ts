import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

// Swagger UI served from the installed swagger-ui-dist package: the docs page works offline.
const require = createRequire(import.meta.url);
const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

const page = (specUrl: string) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>专项行动管理系统 API 文档</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#docs' });</script>
</body>
</html>`;

export function mountDocs(app: Hono<AppEnv>, specUrl: string): void {
  app.get('/docs', (c) => c.html(page(specUrl)));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!(file in ASSETS)) return c.notFound();
    const body = await readFile(path.join(assetsDir, file));
    return c.body(body, 200, {
      'content-type': ASSETS[file as keyof typeof ASSETS],
      'cache-control': 'public, max-age=86400',
    });
  });
}
