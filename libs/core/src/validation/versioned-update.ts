import { ApiHeader, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { validationProblem } from '../errors/problem.js';
import { INT4_MAX, IsVersion } from './bounded-int.js';

/** Optional, but not nullable: a PATCH may leave the field out, never set it to null. */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Base of PATCH bodies: the version the edit was based on, unless sent as `If-Match`. */
export class VersionedUpdateDto {
  @ApiPropertyOptional({ description: 'The version the edit is based on; or send `If-Match: "n"`', type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOmittable()
  @IsVersion()
  version?: number;
}

const IF_MATCH_VERSION = /^"(\d{1,9})"$/;

/** Documents the `If-Match: "n"` that an update reads (see `expectedVersion`). */
export const ApiIfMatchHeader = (
  description = 'The version the change is based on, quoted (`"3"`); or send `version` in the body (both must agree when both are sent)',
): MethodDecorator & ClassDecorator =>
  ApiHeader({ name: 'If-Match', required: false, description, schema: { type: 'string', pattern: '^"\\d{1,9}"$', example: '"3"' } });

/**
 * The version an update is based on, from `If-Match: "3"` or the body's `version` (both may be
 * sent if they agree). Required: an edit that names no version could silently overwrite another.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  let headerVersion: number | undefined;
  if (ifMatch !== undefined) {
    const match = IF_MATCH_VERSION.exec(ifMatch.trim());
    if (!match) throw validationProblem([{ field: 'If-Match', message: 'must be a quoted version number, e.g. "3"' }]);
    headerVersion = Number(match[1]);
  }
  if (headerVersion !== undefined && bodyVersion !== undefined && headerVersion !== bodyVersion) {
    throw validationProblem([{ field: 'version', message: 'differs from the If-Match header' }]);
  }
  const version = headerVersion ?? bodyVersion;
  if (version === undefined) {
    throw validationProblem([{ field: 'version', message: 'is required, in the body or as an If-Match header' }]);
  }
  return version;
}

/**
 * The requested values that differ from the current ones: what a PATCH really changes. Pass the
 * editable fields explicitly (never a whole body), so nothing else can slip into an update.
 */
export function pickChanges<T extends object, K extends keyof T>(current: T, requested: { [P in K]?: T[P] }): { [P in K]?: T[P] } {
  const changed = Object.entries(requested).filter(([key, value]) => value !== undefined && value !== current[key as keyof T]);
  return Object.fromEntries(changed) as { [P in K]?: T[P] };
}
