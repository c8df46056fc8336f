/** A failure of the embedded PostgreSQL, with one sentence saying what to do. */
export class EmbeddedDatabaseError extends Error {}
