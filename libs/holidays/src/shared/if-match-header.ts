import { ApiHeader } from '@nestjs/swagger';

/** Documents the `If-Match: "n"` that an update reads (see `expectedVersion`). */
export const ApiIfMatchHeader = (description = 'The version the change is based on, quoted (`"3"`); or send `version` in the body (both must agree when both are sent)'): MethodDecorator & ClassDecorator =>
  ApiHeader({ name: 'If-Match', required: false, description, schema: { type: 'string', pattern: '^"\\d{1,9}"$', example: '"3"' } });
