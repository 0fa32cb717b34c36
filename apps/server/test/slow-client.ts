import { connect } from 'node:net';

/**
 * Far above the deadlines the tests configure (well under a second) and far below Node's own
 * defaults (60 s for headers, 300 s for a request): a socket still open after this was not closed
 * by our settings. Generous, so a busy machine cannot fail a test by being slow.
 */
export const STILL_OPEN_AFTER_MS = 15_000;

export interface StalledRequest {
  /** What the server wrote before closing (a 408 when a deadline closed it). */
  answer: string;
  /** Milliseconds from connecting to the server closing the socket; null if still open. */
  closedAfterMs: number | null;
}

/**
 * Connects, writes `partial` (a request that never finishes) and waits for the server to close
 * the socket, up to STILL_OPEN_AFTER_MS.
 */
export function stallRequest(url: string, partial: string): Promise<StalledRequest> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    let openedAt = 0;
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => {
      openedAt = Date.now();
      socket.write(partial);
    });
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs: null });
    }, STILL_OPEN_AFTER_MS);
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
    });
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - openedAt });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A reset after the 408 is still the server closing it.
      if (err.code === 'ECONNRESET' && openedAt > 0) return;
      clearTimeout(giveUp);
      reject(err);
    });
  });
}
