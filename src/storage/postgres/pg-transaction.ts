import type pg from 'pg';

/** Runs `fn` in a transaction on one pooled connection; commits on success, rolls back on error. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // Checked-out clients have no 'error' listener: a connection lost between two queries would crash the process.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      // The connection itself failed: do not hand it back to the pool.
      broken = true;
    });
    throw error;
  } finally {
    if (!broken) client.off('error', onError);
    client.release(broken);
  }
}
