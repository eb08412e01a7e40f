import type { Ctx } from '../../access/principal.js';
import type { TodoItem } from '../todo/todo.schema.js';
import type { EntryService } from './entries.service.js';

/** At most this many pending entries are weighed. */
const CANDIDATES = 1000;

/**
 * The school pre-review (校内初审) waiting for the caller, read as the pre-review page reads it
 * (`EntryService.prereviews`, pending): an assigned entry to score; for the school, an entry without reviewers to
 * assign and one whose reviewers have all scored to decide (论文定质). While reviewers are still scoring, the
 * entry waits on them, not on the school.
 */
export async function prereviewTodo(
  entries: EntryService,
  ctx: Ctx,
): Promise<{ items: TodoItem[]; truncated: boolean }> {
  const me = ctx.principal.personId;
  const pending = await entries.prereviews(ctx, { state: 'pending' }, 1, CANDIDATES + 1);
  const items: TodoItem[] = [];
  for (const { entry } of pending.items.slice(0, CANDIDATES)) {
    const mine = entry.prereviews.find((a) => a.reviewerId === me && a.submittedAt === null && a.abilities.score);
    const allScored = entry.prereviews.length > 0 && entry.prereviews.every((a) => a.submittedAt !== null);
    const kind = mine
      ? 'prereview'
      : entry.status === 'prereview' && entry.abilities.assign && entry.prereviews.length === 0
        ? 'assign'
        : entry.status === 'prereview' && entry.abilities.decide && allScored
          ? 'decide'
          : null;
    if (!kind) continue;
    items.push({
      kind,
      title: entry.workTitle,
      context: entry.competitionName,
      stage: null,
      month: null,
      due: null,
      link: '/works/prereview',
      updatedAt: entry.enteredOn,
    });
  }
  return { items, truncated: pending.total > CANDIDATES };
}
