/** The tokens a Latch login gives (ISO dates), as the client keeps them between calls. */
export interface StoredTokens {
  access: string;
  refresh: string;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

/**
 * Where the client keeps the session's tokens. Anything async works (a
 * secure-storage plugin on mobile, a server-side session store); the client
 * reads it before each call and writes it after each login and refresh.
 */
export interface TokenStorage {
  get(): StoredTokens | null | Promise<StoredTokens | null>;
  set(tokens: StoredTokens): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** The default: tokens live as long as the process (or page) does. */
export function memoryTokenStorage(): TokenStorage {
  let tokens: StoredTokens | null = null;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    clear: () => {
      tokens = null;
    },
  };
}

/** What `browserTokenStorage` needs of `localStorage` (or `sessionStorage`). */
export interface StringStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Tokens in `localStorage`, shared by the tabs of one origin, so a reload
 * keeps the session. Any script on the page can read them: use it only on
 * pages with a strict Content-Security-Policy, or prefer memory storage.
 */
export function browserTokenStorage(
  key = "latch.tokens",
  storage: StringStorage | undefined = (globalThis as { localStorage?: StringStorage })
    .localStorage,
): TokenStorage {
  if (!storage) throw new TypeError("browserTokenStorage: no localStorage here; pass a storage");
  return {
    get() {
      const text = storage.getItem(key);
      if (!text) return null;
      try {
        return parseStoredTokens(JSON.parse(text));
      } catch {
        return null;
      }
    },
    set: (tokens) => storage.setItem(key, JSON.stringify(tokens)),
    clear: () => storage.removeItem(key),
  };
}

/** The tokens part of a login, activation or refresh answer: what storage keeps of it. */
export function parseStoredTokens(value: unknown): StoredTokens | null {
  if (typeof value !== "object" || value === null) return null;
  const { access, refresh, accessExpiresAt, refreshExpiresAt } = value as Record<string, unknown>;
  if (
    typeof access !== "string" ||
    typeof refresh !== "string" ||
    typeof accessExpiresAt !== "string" ||
    typeof refreshExpiresAt !== "string"
  ) {
    return null;
  }
  return { access, refresh, accessExpiresAt, refreshExpiresAt };
}
