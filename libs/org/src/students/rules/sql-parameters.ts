/** Collects positional parameters while a query is assembled, so optional parts never leave a gap. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value and answers its placeholder (`$1`, `$2`, ...). */
  readonly bind = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

export type BindParameter = (value: unknown) => string;
