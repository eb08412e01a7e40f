import type { CallKindRule } from './calls.schema.js';

/** An application as quota counting sees it. */
export interface QuotaApplication {
  kind: string;
  schoolPath: string;
  holderPath: string | null;
}

/**
 * How many applications an org has sent up (逐级推荐): those from its subtree whose desk is now
 * above it. Returned ones come back down and free the place; outside-quota kinds never count.
 */
export function usedQuota(orgPath: string, apps: readonly QuotaApplication[], kinds: readonly CallKindRule[]) {
  const outside = new Set<string>(kinds.filter((k) => k.outsideQuota).map((k) => k.kind));
  const sent = apps.filter(
    (a) =>
      a.schoolPath.startsWith(orgPath) &&
      a.holderPath !== null &&
      orgPath.startsWith(a.holderPath) &&
      a.holderPath !== orgPath,
  );
  return {
    used: sent.filter((a) => !outside.has(a.kind)).length,
    byKind: (kind: string) => sent.filter((a) => a.kind === kind).length,
  };
}

/**
 * Why recommending one more application of `kind` would break the quota or its minimum shares
 * (e.g. 青年 ≥ 30%), or null when it fits.
 */
export function quotaProblem(
  count: number,
  orgPath: string,
  kind: string,
  apps: readonly QuotaApplication[],
  kinds: readonly CallKindRule[],
  labelOf: (kind: string) => string,
): string | null {
  const rule = kinds.find((k) => k.kind === kind);
  if (rule?.outsideQuota) return null;
  const { used, byKind } = usedQuota(orgPath, apps, kinds);
  if (used + 1 > count) return `推荐名额已用完（${used}/${count}）`;
  const remainingAfter = count - used - 1;
  for (const k of kinds) {
    if (!k.minShare || k.kind === kind) continue;
    const required = Math.ceil(k.minShare * count);
    const missing = required - byKind(k.kind);
    if (missing > remainingAfter) {
      return `推荐后剩余名额不足以满足「${labelOf(k.kind)}」不少于 ${Math.round(k.minShare * 100)}% 的要求（需 ${required} 项，已推荐 ${byKind(k.kind)} 项）`;
    }
  }
  return null;
}
