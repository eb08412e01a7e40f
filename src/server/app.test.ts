import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { migrateToLatest, openDatabase } from './db/database.js';

describe('serving the web client', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-web-'));
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  let app: Awaited<ReturnType<typeof buildApp>>['app'];

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    await migrateToLatest(database);
    app = (await buildApp({ database, webDir: dir, strict: true })).app;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page for client routes and files as they are', async () => {
    const page = await app.inject({ method: 'GET', url: '/projects/123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="root"');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
  });

  it('answers an unknown API path with the JSON 404, never the page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('does not serve files outside the web folder', async () => {
    const res = await app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
    expect(res.body).not.toContain('root:');
  });
});
