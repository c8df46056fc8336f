import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { FieldChange } from '../ui/ConflictNotice';
import { refreshCase } from './caseQueries';

/**
 * A write based on a version the user read. On 409 `*.version_conflict` it reloads the record,
 * keeps the user's input (the form stays as it is) and tells what the other person changed; the
 * next submit is based on the reloaded version.
 */
export function useVersionedWrite<TRecord, TVars, TResult>(options: {
  caseId: string;
  write(vars: TVars, basedOn: TRecord): Promise<TResult>;
  /** The record as stored now, fetched afresh. */
  reload(): Promise<TRecord | undefined>;
  changes(before: TRecord, after: TRecord): FieldChange[];
  onSuccess?(result: TResult): void;
}) {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<FieldChange[] | null>(null);
  const mutation = useMutation({
    mutationFn: ({ vars, basedOn }: { vars: TVars; basedOn: TRecord }) => options.write(vars, basedOn),
    onSuccess: async (result) => {
      setConflict(null);
      await refreshCase(queryClient, options.caseId);
      options.onSuccess?.(result);
    },
    onError: async (error, { basedOn }) => {
      if (!(error instanceof ApiError && error.isVersionConflict)) return;
      const latest = await options.reload();
      setConflict(latest === undefined ? [] : options.changes(basedOn, latest));
      await refreshCase(queryClient, options.caseId);
    },
  });
  const isConflict = mutation.error instanceof ApiError && mutation.error.isVersionConflict;
  return {
    submit: (vars: TVars, basedOn: TRecord) => mutation.mutate({ vars, basedOn }),
    isPending: mutation.isPending,
    /** A failure other than a stale version, for ErrorLine. */
    error: isConflict ? null : mutation.error,
    /** What someone else changed, once a write met a newer version; null otherwise. */
    conflict,
  };
}
