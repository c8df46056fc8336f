import { ApiHeader } from '@nestjs/swagger';

/**
 * Documents the `If-Match: "3"` a versioned update reads (see `expectedVersion` in #core): the
 * header or the body's `version`, one of the two. Shared with the modules built on org.
 */
export const ApiIfMatchHeader = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version the edit is based on, quoted ("3"); or send `version` in the body. One of the two is required',
    schema: { type: 'string', pattern: '^"[0-9]{1,9}"$', example: '"3"' },
  });
