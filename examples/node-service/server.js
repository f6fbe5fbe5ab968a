// A service beside Latch: GET /hello answers only callers with a valid Latch
// access token. LATCH_URL is Latch's APP_URL (the tokens' issuer);
// LATCH_REVOCATION=ask-latch also refuses a token whose session was logged out.
import { createServer } from "node:http";
import { createAccessTokenVerifier, LatchTokenError } from "@latch/verify";

const latch = createAccessTokenVerifier({
  issuer: process.env.LATCH_URL ?? "http://localhost:3000",
  revocation: process.env.LATCH_REVOCATION === "ask-latch" ? "ask-latch" : "offline",
});

function answer(response, status, body) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  if (request.method !== "GET" || request.url !== "/hello") return answer(response, 404, {});
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
  if (!token) return answer(response, 401, { reason: "ACCESS_TOKEN_MISSING" });
  try {
    const { email, userId } = await latch.verify(token);
    answer(response, 200, { hello: email, userId });
  } catch (error) {
    if (!(error instanceof LatchTokenError)) return answer(response, 500, {});
    // Latch or its keys out of reach says nothing about the token: "try again", never "valid".
    answer(response, error.reason === "SERVICE_UNAVAILABLE" ? 503 : 401, { reason: error.reason });
  }
});

server.listen(Number(process.env.PORT ?? 4000), "127.0.0.1", () => {
  console.log(`node-service listening on http://127.0.0.1:${server.address().port}`);
});
