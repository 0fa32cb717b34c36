/**
 * A value kept in localStorage as JSON, with change notifications (this tab and others), for
 * React's useSyncExternalStore. On the server (no window) it reads as the fallback.
 */
export interface LocalStore<T> {
  read(): T;
  write(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function localStore<T>(key: string, parse: (raw: unknown) => T, fallback: T): LocalStore<T> {
  const listeners = new Set<() => void>();
  // useSyncExternalStore needs the same object for the same stored text.
  let cachedRaw: string | null | undefined;
  let cachedValue = fallback;

  const read = (): T => {
    if (typeof window === 'undefined') return fallback;
    const raw = window.localStorage.getItem(key);
    if (raw === cachedRaw) return cachedValue;
    cachedRaw = raw;
    try {
      cachedValue = raw === null ? fallback : parse(JSON.parse(raw));
    } catch {
      cachedValue = fallback;
    }
    return cachedValue;
  };

  return {
    read,
    write(value) {
      window.localStorage.setItem(key, JSON.stringify(value));
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key === key) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}
