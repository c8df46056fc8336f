/**
 * Names for strings whose format the API contract states. They are plain strings to the compiler;
 * the OpenAPI generator (apps/openapi) reads the name a view property is declared with and
 * documents its format, so a view says `id: Uuid` once instead of decorating it.
 */

/** A UUID, as PostgreSQL prints it (lower case). */
export type Uuid = string;

/** A calendar date, `YYYY-MM-DD`, in the school's time zone unless the field says otherwise. */
export type IsoDate = string;

/** A timestamp kept as text (inside JSON data), ISO 8601 with its offset; `Date` fields need no name. */
export type IsoDateTime = string;
