import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import type { TodoItem } from '../todo/todo.schema.js';
import type { AssignmentService } from './assignments.service.js';

/**
 * An expert's score sheets still to fill in open rounds (待评审). Each round's assignments are read as the expert's
 * task list reads them (`AssignmentService.list`: the round's rights, and in a blind round the title without the
 * host's or the school's identity), so the to-do shows nothing the scoring page would not.
 */
export async function reviewTodo(database: Database, assignments: AssignmentService, ctx: Ctx): Promise<TodoItem[]> {
  const me = ctx.principal.personId;
  const open = await database.db
    .selectFrom('review_assignments as a')
    .innerJoin('review_rounds as r', 'r.id', 'a.round_id')
    .select(['a.id', 'a.round_id', 'a.created_at', 'r.title as round_title', 'r.closes_at'])
    .where('a.expert_id', '=', me)
    .where('a.submitted_at', 'is', null)
    .where('r.status', '=', 'open')
    .execute();
  const byId = new Map(open.map((a) => [a.id, a]));
  const items: TodoItem[] = [];
  for (const roundId of new Set(open.map((a) => a.round_id))) {
    for (const dto of await assignments.list(ctx, roundId)) {
      const row = byId.get(dto.id);
      if (!row || dto.expertId !== me || dto.submitted || !dto.abilities.score) continue;
      items.push({
        kind: 'score',
        title: `${dto.code} ${dto.title}`,
        context: row.round_title,
        stage: null,
        month: null,
        due: row.closes_at,
        link: `/reviews/${roundId}/assignments/${dto.id}`,
        updatedAt: row.created_at,
      });
    }
  }
  return items;
}
