import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyCrmStats {
  attempts: number;
  refused: number;
  accepted: number;
  /** Distinct Idempotency-Keys accepted (lead versions the CRM really has). */
  distinctAccepted: number;
}

/**
 * A CRM webhook endpoint that answers 503 to a random half of the deliveries and 200 to the others,
 * so the outbox's retries and backoff run all along the soak.
 */
export async function startFlakyCrm(failureShare = 0.5): Promise<{ url: string; stats(): FlakyCrmStats; close(): Promise<void> }> {
  const accepted = new Set<string>();
  const stats = { attempts: 0, refused: 0, accepted: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      stats.attempts += 1;
      if (Math.random() < failureShare) {
        stats.refused += 1;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"try later"}');
        return;
      }
      stats.accepted += 1;
      accepted.add(String(req.headers['idempotency-key'] ?? ''));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    stats: () => ({ ...stats, distinctAccepted: accepted.size }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
