import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { scannerFromSetting } from './storage/scanner.js';

/** Every setting of the server, read from the environment once and validated. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  YANXIU_DEMO: z.enum(['on', 'off']).default('on'),
  YANXIU_ADMIN_PASSWORD: z.string().min(8).optional(),
  YANXIU_DATA_DIR: z.string().default('data'),
  YANXIU_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  YANXIU_COOKIE_SECURE: z.enum(['on', 'off']).default('off'),
  YANXIU_LOG: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  /** App processes sharing the port (node:cluster); 'auto' = one per CPU. Sessions, limits and jobs live in the database. */
  YANXIU_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  /** The virus-scan hook for uploads: off, clamd://host:port, clamd:///socket or command:<program> <args> (scanner.ts). */
  YANXIU_SCAN: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        scannerFromSetting(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
});

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  adminPassword?: string;
  dataDir: string;
  sessionHours: number;
  cookieSecure: boolean;
  logLevel: string;
  /** How many app processes serve the port (1: this process serves it itself). */
  workers: number;
  /** The virus-scan hook's setting (YANXIU_SCAN), checked to be readable. */
  scan?: string;
}

/** Turns a DATABASE_URL (or nothing) into the database to open. */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'yanxiu.db') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: url.slice('sqlite:'.length) || ':memory:' };
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL, e.YANXIU_DATA_DIR),
    demo: e.YANXIU_DEMO === 'on',
    adminPassword: e.YANXIU_ADMIN_PASSWORD,
    dataDir: e.YANXIU_DATA_DIR,
    sessionHours: e.YANXIU_SESSION_HOURS,
    cookieSecure: e.YANXIU_COOKIE_SECURE === 'on',
    logLevel: e.YANXIU_LOG,
    workers: e.YANXIU_WORKERS === 'auto' ? os.availableParallelism() : e.YANXIU_WORKERS,
    scan: e.YANXIU_SCAN,
  };
}
