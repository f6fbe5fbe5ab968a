/** Runs once when the server starts: bad configuration fails here, not on the first request. */
export async function register(): Promise<void> {
  // biome-ignore lint/style/noProcessEnv: Next's documented runtime switch
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/start");
}
