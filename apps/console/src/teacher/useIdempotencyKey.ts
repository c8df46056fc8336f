import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * One key per thing the person means to create: a retry after a lost answer (flaky phone network)
 * creates it once. After an answer from the API the key is renewed, since the person will change
 * the form before sending again, and the same key with another body is refused.
 */
export function useIdempotencyKey(): { key: string; renewAfter(error: unknown): void } {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renewAfter = useCallback((error: unknown) => {
    if (error instanceof ApiError) setKey(crypto.randomUUID());
  }, []);
  return { key, renewAfter };
}
