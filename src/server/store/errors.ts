/**
 * A networked store (Postgres) throws this when the database cannot be reached or dropped the
 * connection: the write did not happen (its transaction rolled back), and the client gets the
 * error code `unavailable` and may retry the same message (same UUID) shortly.
 */
export class StoreUnavailable extends Error {
  readonly unavailable = true;
  constructor(cause: unknown) {
    super(
      `The records database cannot be reached (${cause instanceof Error ? cause.message : String(cause)}).`,
    );
  }
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailable {
  return err instanceof StoreUnavailable;
}
