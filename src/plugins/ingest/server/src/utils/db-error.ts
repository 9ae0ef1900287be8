/** Longer reasons are cut: a person reads them in a report line. */
const MAX_REASON = 300;

interface DriverError {
  message?: unknown;
  /** mysql2 keeps the server's own message here. */
  sqlMessage?: unknown;
  /** PostgreSQL's detail line ("Key (slug)=(x) already exists."). */
  detail?: unknown;
}

const oneLine = (text: string) => {
  const line = text.split(/\r?\n/).find((part) => part.trim() !== '')?.trim() ?? '';
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
};

/**
 * The reason of an error, in one line a person can read. Knex prefixes a database's message
 * with the whole statement and its bindings (a capture's body, tens of kilobytes): the
 * driver's own message is what follows the statement.
 */
export const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return oneLine(String(error));
  const driver = error as Error & DriverError;
  if (typeof driver.sqlMessage === 'string') return oneLine(driver.sqlMessage);
  const message = String(driver.message ?? '');
  const afterStatement = /^\s*(select|insert|update|delete|with|create|alter|drop|pragma)\b/i.test(message) ? message.slice(message.lastIndexOf(' - ') + 3) : message;
  const reason = oneLine(afterStatement) || error.name;
  return typeof driver.detail === 'string' ? oneLine(`${reason} (${driver.detail})`) : reason;
};

/** A deadlock the database broke by rolling this statement back (MySQL/MariaDB 1213, PostgreSQL 40P01). */
export const isDeadlock = (error: unknown): boolean => {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === '40P01';
};

/**
 * Runs a short write again when the database chose it as a deadlock's victim: InnoDB can pick
 * either of two UPDATEs of one table that take its index locks in different orders, and the
 * statement is safe to repeat.
 */
export const retryOnDeadlock = async <T>(write: () => Promise<T>, attempts = 3): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
};
