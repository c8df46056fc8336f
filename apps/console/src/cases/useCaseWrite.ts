import { useQueryClient } from '@tanstack/react-query';
import { useText } from '../i18n/language';
import { caseConflictFields } from './caseFields';
import { type CaseDetail, caseQuery, usePeopleNames } from './caseQueries';
import { changesBetween } from './changes';
import { useVersionedWrite } from './useVersionedWrite';

/** A case write based on the version shown: on a stale version, what the other person changed. */
export function useCaseWrite<TVars, TResult>(caseDetail: CaseDetail, write: (vars: TVars, basedOn: CaseDetail) => Promise<TResult>, onSuccess?: () => void) {
  const text = useText();
  const queryClient = useQueryClient();
  const nameOf = usePeopleNames(caseDetail);
  return useVersionedWrite<CaseDetail, TVars, TResult>({
    caseId: caseDetail.id,
    write,
    reload: () => queryClient.fetchQuery({ ...caseQuery(caseDetail.id), staleTime: 0 }),
    changes: (before, after) => changesBetween(before, after, caseConflictFields(text.cases, nameOf)),
    onSuccess,
  });
}

