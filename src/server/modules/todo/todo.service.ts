import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { projectTodo } from '../projects/projects.todo.js';
import type { ReviewService } from '../reviews/reviews.service.js';
import { reviewTodo } from '../reviews/reviews.todo.js';
import { prereviewTodo } from '../works/prereview.todo.js';
import type { WorksService } from '../works/works.service.js';
import { TODO_KINDS, type TodoItem, type TodoKind } from './todo.schema.js';

/**
 * 待我处理: what waits for the caller's own hand, gathered from the modules that own each kind (projects, reviews,
 * works), each deciding with its own policy; counted by kind, listed newest first.
 */
export class TodoService {
  constructor(
    private readonly database: Database,
    private readonly reviews: ReviewService,
    private readonly works: WorksService,
  ) {}

  async list(ctx: Ctx, limit: number) {
    const [projects, scores, prereviews] = await Promise.all([
      projectTodo(this.database.db, ctx.principal),
      reviewTodo(this.database, this.reviews.assignments, ctx),
      prereviewTodo(this.works.entries, ctx),
    ]);
    const all: TodoItem[] = [...projects.items, ...scores, ...prereviews.items];
    const counts = Object.fromEntries(TODO_KINDS.map((k) => [k, 0])) as Record<TodoKind, number>;
    for (const item of all) counts[item.kind]++;
    all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.link.localeCompare(b.link));
    return {
      items: all.slice(0, limit),
      counts,
      total: all.length,
      truncated: projects.truncated || prereviews.truncated,
    };
  }
}
