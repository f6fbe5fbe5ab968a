interface WebLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Web Locks where there are some (browsers in secure contexts): tabs then queue one after another. */
function acrossTabs<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
  return locks ? locks.request(name, work) : work();
}

/**
 * Latch rotates refresh tokens and treats a replayed one as theft, so two
 * refreshes must never race with the same token: callers in one tab or
 * process share one run (single flight), and tabs queue on a Web Lock named
 * `lockName`, so the second tab starts from what the first one left. Both
 * modes of the client refresh through this.
 */
export function singleFlight<T>(
  lockName: string,
  run: (underLock: <R>(work: () => Promise<R>) => Promise<R>) => Promise<T>,
): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  const underLock = <R>(work: () => Promise<R>) => acrossTabs(lockName, work);
  return () => {
    inFlight ??= run(underLock).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
