import type { ApiHeaderOptions } from '@nestjs/swagger';

/** The `If-Match` a PATCH of the module reads (see `expectedVersion`): the version, quoted. */
export const IF_MATCH_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description: 'The version the edit is based on, quoted (`"3"`); or send `version` in the body. One of the two is required',
  schema: { type: 'string', pattern: '^"\\d{1,9}"$' },
};
