import type { Principal } from '../../access/principal.js';
import { monthsBetween } from './months.js';
import { planAbilities } from './plans.policy.js';
import type { PlanItemRowFull, PlanRowFull } from './plans.repo.js';
import type { PlanDto, PlanItemDto, PlanSummaryDto } from './plans.schema.js';

/** Plan item row → API shape; `overdue` compares the due date with today. */
export function presentItem(row: PlanItemRowFull, manage: boolean, on: string): PlanItemDto {
  const done = Number(row.done) === 1;
  return {
    id: row.id,
    version: row.version,
    planId: row.plan_id,
    month: row.month,
    title: row.title,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    ownerText: row.owner_text,
    dueOn: row.due_on,
    done,
    doneOn: row.done_on,
    overdue: !done && row.due_on !== null && row.due_on < on,
    note: row.note,
    sort: Number(row.sort),
    abilities: { update: manage, delete: manage },
  };
}

/** Plan row → the list shape with progress and the caller's abilities. */
export function presentPlanSummary(
  row: PlanRowFull,
  progress: { total: number; done: number } | undefined,
  p: Principal,
): PlanSummaryDto {
  return {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    orgName: row.org_name,
    termId: row.term_id,
    termName: row.term_name,
    title: row.title,
    progress: progress ?? { total: 0, done: 0 },
    updatedAt: row.updated_at,
    abilities: planAbilities(p, row.org_path),
  };
}

/** Plan row and items → the full plan with the term's months. */
export function presentPlan(row: PlanRowFull, items: PlanItemRowFull[], p: Principal, on: string): PlanDto {
  const abilities = planAbilities(p, row.org_path);
  const dtos = items.map((i) => presentItem(i, abilities.manageItems, on));
  return {
    ...presentPlanSummary(row, { total: dtos.length, done: dtos.filter((i) => i.done).length }, p),
    goals: row.goals,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    months: monthsBetween(row.starts_on, row.ends_on),
    items: dtos,
    createdAt: row.created_at,
  };
}
