import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { type Observation, type ObservationInput, useCreateDraft, usePatchObservation } from './observations.api';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

/**
 * Keeps a draft on the server as the observer types: the first change creates it (draft:true),
 * later changes PATCH it with its version, debounced; flushes when the page is hidden or left.
 */
export function useAutosave(initial: Observation | undefined, onCreated: (saved: Observation) => void, delay = 1000) {
  const client = useQueryClient();
  const create = useCreateDraft();
  const patch = usePatchObservation();
  const record = useRef<{ id: string; version: number } | null>(
    initial ? { id: initial.id, version: initial.version } : null,
  );
  const latest = useRef<ObservationInput | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflict = useRef(false);
  /** Set when the draft is being deleted: nothing more is sent. */
  const discarded = useRef(false);
  const timer = useRef<number | null>(null);
  const [state, setState] = useState<SaveState>(initial ? 'saved' : 'idle');
  const [savedId, setSavedId] = useState<string | null>(initial?.id ?? null);
  const [savedAt, setSavedAt] = useState<Date | null>(initial?.updatedAt ? new Date(initial.updatedAt) : null);
  const createRef = useRef(create.mutateAsync);
  createRef.current = create.mutateAsync;
  const patchRef = useRef(patch.mutateAsync);
  patchRef.current = patch.mutateAsync;
  const createdRef = useRef(onCreated);
  createdRef.current = onCreated;

  /** Sends the latest values once (or waits for the request already running); answers whether it went well. */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const body = latest.current;
    if (discarded.current) return true;
    if (!body || conflict.current) return !conflict.current;
    latest.current = null;
    setState('saving');
    const run = (async () => {
      try {
        const current = record.current;
        const saved = current
          ? await patchRef.current({ id: current.id, version: current.version, ...body })
          : await createRef.current(body);
        record.current = { id: saved.id, version: saved.version };
        client.setQueryData(['observations', 'item', saved.id], saved);
        setSavedAt(new Date());
        setState(latest.current ? 'pending' : 'saved');
        if (!current) {
          setSavedId(saved.id);
          createdRef.current(saved);
        }
        return true;
      } catch (error) {
        // keep what failed so the next change (or flush) sends it again
        latest.current = { ...body, ...(latest.current ?? {}) };
        conflict.current = error instanceof ApiError && error.status === 409;
        setState(conflict.current ? 'conflict' : 'error');
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [client]);

  /** Saves until nothing is pending; answers whether everything reached the server. */
  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    for (let round = 0; round < 5; round += 1) {
      const ok = await saveOnce();
      if (!ok) return false;
      if (!latest.current && !inFlight.current) return true;
    }
    return !latest.current;
  }, [saveOnce]);

  /** Records the whole current form (every field, so a PATCH never loses one) and schedules a save. */
  const change = useCallback(
    (values: ObservationInput) => {
      latest.current = values;
      if (!conflict.current) setState((s) => (s === 'saving' ? s : 'pending'));
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), delay);
    },
    [save, delay],
  );

  useEffect(() => {
    // a phone locks or switches apps: save at once
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
      void save();
    };
  }, [save]);

  return {
    state,
    savedAt,
    /** The draft's id once it exists on the server. */
    savedId,
    change,
    /** Saves whatever is pending now; answers whether it all reached the server, and the record's id and version. */
    flush: async () => ({ ok: await save(), record: record.current }),
    /** Stops saving (the draft is about to be deleted) once the request under way, if any, is answered. */
    discard: async () => {
      discarded.current = true;
      latest.current = null;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      await inFlight.current;
      return record.current;
    },
    record,
  };
}
