// The ceiling: what any check served through a Next.js route handler can reach on this box.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
