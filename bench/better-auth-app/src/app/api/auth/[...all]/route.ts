import { serverAuth } from "../../../../lib/server-auth";

export const dynamic = "force-dynamic";

// What toNextJsHandler(auth) exports, with the instance made on first request.
const handler = (request: Request) => serverAuth().handler(request);

export { handler as GET, handler as POST };
