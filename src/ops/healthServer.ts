/**
 * The opt-in operator endpoint (HEALTH_PORT, bound to HEALTH_HOST = 127.0.0.1 by default):
 *   GET /healthz  -> 200 or 503, the health report as JSON
 *   GET /metrics  -> Prometheus text format (404 when metrics are off)
 * Nothing else; no request body is read. Never reachable from outside unless HEALTH_HOST says so.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthReport } from './health';

export interface HealthServerOptions {
  host: string;
  /** 0 = any free port (see `url`). */
  port: number;
  health: () => HealthReport;
  metrics: { contentType: string; render(): Promise<string> } | null;
  onError?: (err: unknown, path: string) => void;
}

export interface HealthServer {
  /** "http://127.0.0.1:9464" */
  readonly url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(head ? undefined : body);
}

export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', head);
    }
    if (path === '/healthz') {
      const report = opts.health();
      return send(
        res,
        report.status === 'ok' ? 200 : 503,
        'application/json; charset=utf-8',
        `${JSON.stringify(report)}\n`,
        head,
      );
    }
    if (path === '/metrics' && opts.metrics) {
      return send(res, 200, opts.metrics.contentType, await opts.metrics.render(), head);
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found (try /healthz or /metrics)\n', head);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.onError?.(err, req.url ?? '');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', false);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
