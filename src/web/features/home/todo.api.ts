import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Stage } from '../projects/projects.api';

export const todoKinds = [
  'submit',
  'recommend',
  'approve',
  'open',
  'conclude',
  'report',
  'revise',
  'check',
  'score',
  'prereview',
  'assign',
  'decide',
] as const;
export type TodoKind = (typeof todoKinds)[number];

export interface TodoItem {
  kind: TodoKind;
  title: string;
  context: string;
  stage: Stage | null;
  month: string | null;
  due: string | null;
  link: string;
  updatedAt: string;
}

export interface Todo {
  items: TodoItem[];
  counts: Record<TodoKind, number>;
  total: number;
  truncated: boolean;
}

/** 待我处理 (GET /api/todo), asked afresh whenever the home page opens: a step taken elsewhere shows on return. */
export function useTodo(limit: number) {
  return useQuery({
    queryKey: ['todo', limit],
    queryFn: () => api.get<Todo>('/api/todo', { limit }),
    staleTime: 0,
  });
}
