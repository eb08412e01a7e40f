import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { CallRow } from '../../db/types.js';
import { invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { usedQuota } from './calls.quota.js';
import { CallRepo } from './calls.repo.js';
import { type CallDto, type CallKindRule, type CreateCall, KIND_LABELS, type UpdateCall } from './calls.schema.js';

type CallWithOrg = CallRow & { org_name: string; org_path: string };

/** A China-time wall clock (UTC+8) turned into the stored UTC instant. */
export const chinaInstant = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`).toISOString();
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** Whether a call is visible: issued at or above one of the caller's orgs, or inside their scope. */
export function canSeeCall(p: Principal, homePath: string | null, orgPath: string): boolean {
  if (allows(p, 'org.read', [orgPath])) return true;
  const mine = [...p.grants.map((g) => g.orgPath), homePath].filter((x): x is string => x !== null);
  return p.grants.some((g) => g.orgPath === null) || mine.some((path) => path.startsWith(orgPath));
}

export const kindLabel = (kind: string) => KIND_LABELS[kind as keyof typeof KIND_LABELS] ?? kind;

/** Calls for applications (课题指南/申报通知) and their quotas. */
export class CallService {
  constructor(private readonly database: Database) {}

  private async homePath(p: Principal) {
    return p.orgId ? ((await new OrgRepo(this.database.db).byId(p.orgId))?.path ?? null) : null;
  }

  async list(ctx: Ctx) {
    const home = await this.homePath(ctx.principal);
    const rows = (await new CallRepo(this.database.db).all()).filter((c) =>
      canSeeCall(ctx.principal, home, c.org_path),
    );
    return this.present(ctx, rows);
  }

  async get(ctx: Ctx, id: string): Promise<CallDto> {
    const row = await new CallRepo(this.database.db).byId(id);
    if (!row || !canSeeCall(ctx.principal, await this.homePath(ctx.principal), row.org_path))
      throw notFound('申报通知');
    const [dto] = await this.present(ctx, [row]);
    return dto;
  }

  /** Calls → API shape, with quota usage per org computed from the applications. */
  async present(ctx: Ctx, rows: CallWithOrg[]): Promise<CallDto[]> {
    const repo = new CallRepo(this.database.db);
    const quotas = await repo.quotas(rows.map((r) => r.id));
    const now = nowIso();
    const out: CallDto[] = [];
    for (const r of rows) {
      const kinds = fromJson<CallKindRule[]>(r.kinds, []);
      const apps = (await repo.applications(r.id)).map((a) => ({
        kind: a.kind,
        schoolPath: a.school_path,
        holderPath: a.holder_path,
      }));
      out.push({
        id: r.id,
        version: r.version,
        title: r.title,
        orgId: r.org_id,
        orgName: r.org_name,
        levels: fromJson(r.levels, []),
        opensOn: chinaDate(r.opens_at),
        closesOn: chinaDate(r.closes_at),
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        status: now < r.opens_at ? 'upcoming' : now > r.closes_at ? 'closed' : 'open',
        quotas: quotas
          .filter((q) => q.call_id === r.id)
          .map((q) => {
            const { used, byKind } = usedQuota(q.path, apps, kinds);
            return {
              orgId: q.org_id,
              orgName: q.name,
              count: q.count,
              used,
              remaining: Math.max(0, q.count - used),
              shares: kinds
                .filter((k) => k.minShare)
                .map((k) => ({
                  kind: k.kind,
                  minShare: k.minShare ?? 0,
                  required: Math.ceil((k.minShare ?? 0) * q.count),
                  have: byKind(k.kind),
                })),
            };
          }),
        kinds,
        guide: fromJson(r.guide, []),
        planPeriod: r.plan_period,
        numberFormat: r.number_format,
        description: r.description,
        abilities: {
          update: allows(ctx.principal, 'call.manage', [r.org_path]),
          apply: now >= r.opens_at && now <= r.closes_at,
        },
      });
    }
    return out;
  }

  /** Quota orgs must lie strictly below the issuing org. */
  private async checkQuotaOrgs(orgPath: string, quotas: { orgId: string }[]) {
    const orgs = await new OrgRepo(this.database.db).byIds(quotas.map((q) => q.orgId));
    for (const q of quotas) {
      const o = orgs.find((x) => x.id === q.orgId);
      if (!o?.path.startsWith(orgPath) || o.path === orgPath) {
        throw invalid('推荐名额只能分配给下级单位', { fields: [{ field: 'quotas', message: '单位不在本级之下' }] });
      }
    }
  }

  private checkWindow(opensOn: string, closesOn: string) {
    if (closesOn < opensOn)
      throw invalid('截止日期不能早于开始日期', {
        fields: [{ field: 'closesOn', message: '截止日期不能早于开始日期' }],
      });
  }

  async create(ctx: Ctx, body: CreateCall): Promise<CallDto> {
    const org = await new OrgRepo(this.database.db).byId(body.orgId);
    if (!org || !allows(ctx.principal, 'org.read', [org.path])) throw notFound('单位');
    if (!allows(ctx.principal, 'call.manage', [org.path])) throw notFound('单位');
    this.checkWindow(body.opensOn, body.closesOn);
    await this.checkQuotaOrgs(org.path, body.quotas);
    const now = nowIso();
    const row: CallRow = {
      id: newId(),
      org_id: org.id,
      title: body.title,
      plan_period: body.planPeriod ?? null,
      guide: toJson(body.guide),
      levels: toJson(body.levels),
      kinds: toJson(body.kinds),
      opens_at: chinaInstant(body.opensOn),
      closes_at: chinaInstant(body.closesOn, body.closesAt),
      number_format: body.numberFormat,
      description: body.description ?? null,
      version: 1,
      created_by: ctx.principal.personId,
      created_at: now,
      updated_at: now,
    };
    await this.database.db.transaction().execute(async (trx) => {
      await new CallRepo(trx).insert(
        row,
        body.quotas.map((q) => ({ org_id: q.orgId, count: q.count })),
      );
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'call.create',
        entity: 'call',
        entityId: row.id,
        orgId: org.id,
        after: { ...row, quotas: body.quotas },
        ip: ctx.ip,
      });
    });
    return this.get(ctx, row.id);
  }

  async update(ctx: Ctx, id: string, body: UpdateCall): Promise<CallDto> {
    const before = await new CallRepo(this.database.db).byId(id);
    if (!before || !canSeeCall(ctx.principal, await this.homePath(ctx.principal), before.org_path))
      throw notFound('申报通知');
    if (!allows(ctx.principal, 'call.manage', [before.org_path])) throw notFound('申报通知');
    const opensOn = body.opensOn ?? chinaDate(before.opens_at);
    const closesOn = body.closesOn ?? chinaDate(before.closes_at);
    this.checkWindow(opensOn, closesOn);
    if (body.quotas) await this.checkQuotaOrgs(before.org_path, body.quotas);
    const patch: Partial<CallRow> = { updated_at: nowIso() };
    if (body.title) patch.title = body.title;
    if (body.levels) patch.levels = toJson(body.levels);
    if (body.kinds) patch.kinds = toJson(body.kinds);
    if (body.guide) patch.guide = toJson(body.guide);
    if (body.planPeriod !== undefined) patch.plan_period = body.planPeriod;
    if (body.numberFormat) patch.number_format = body.numberFormat;
    if (body.description !== undefined) patch.description = body.description;
    if (body.opensOn) patch.opens_at = chinaInstant(opensOn);
    if (body.closesOn || body.closesAt)
      patch.closes_at = chinaInstant(
        closesOn,
        body.closesAt ?? new Date(Date.parse(before.closes_at) + 8 * 3600_000).toISOString().slice(11, 16),
      );
    await this.database.db.transaction().execute(async (trx) => {
      const repo = new CallRepo(trx);
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      if (body.quotas)
        await repo.replaceQuotas(
          id,
          body.quotas.map((q) => ({ org_id: q.orgId, count: q.count })),
        );
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'call.update',
        entity: 'call',
        entityId: id,
        orgId: before.org_id,
        before,
        after: { ...patch, quotas: body.quotas },
        ip: ctx.ip,
      });
    });
    return this.get(ctx, id);
  }
}
