import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { TODO_KINDS, type todoSchema } from '../../../server/modules/todo/todo.schema';
import { api } from '../../api/client';

export type { TodoItem, TodoKind } from '../../../server/modules/todo/todo.schema';
/** The kinds in the order the card counts them: a project's steps, its reports, then reviews. */
export const todoKinds = TODO_KINDS;
export type Todo = z.infer<typeof todoSchema>;

/** 待我处理 (GET /api/todo), asked afresh whenever the home page opens: a step taken elsewhere shows on return. */
export function useTodo(limit: number) {
  return useQuery({
    queryKey: ['todo', limit],
    queryFn: () => api.get<Todo>('/api/todo', { limit }),
    staleTime: 0,
  });
}
