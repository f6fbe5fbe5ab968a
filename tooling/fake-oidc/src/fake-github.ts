import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface FakeGitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

export interface FakeGitHubUser {
  id: number;
  login: string;
  name?: string;
  /** The public profile address (may be null on GitHub); not a verified address. */
  email?: string | null;
  emails: FakeGitHubEmail[];
}

export interface FakeGitHub {
  /** Web base URL (OIDC_GITHUB_ISSUER): /login/oauth/authorize and /login/oauth/access_token. */
  url: string;
  /** API base URL (OIDC_GITHUB_API_URL): /user and /user/emails. */
  apiUrl: string;
  signInAs(user: FakeGitHubUser): void;
  /** The REST API: normal, answers 503, or accepts the connection and never answers. */
  setApi(mode: "normal" | "error" | "hang"): void;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: FakeGitHubUser;
}

const DEFAULT_USER: FakeGitHubUser = {
  id: 583231,
  login: "octocat",
  name: "The Octocat",
  email: null,
  emails: [{ email: "Octocat@GitHub.example", primary: true, verified: true }],
};

/**
 * A small stand-in for GitHub's OAuth 2.0 app flow (not OpenID Connect):
 * authorize redirects straight back with a single-use code bound to the PKCE
 * challenge and redirect URI; the token endpoint answers errors with status
 * 200 as GitHub does; the API serves /user and /user/emails for the token.
 */
export async function startFakeGitHub(options: {
  clientId: string;
  clientSecret: string;
}): Promise<FakeGitHub> {
  let user = DEFAULT_USER;
  let api: "normal" | "error" | "hang" = "normal";
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, FakeGitHubUser>();

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "GET" && url.pathname === "/login/oauth/authorize") {
      const query = url.searchParams;
      const redirect = new URL(query.get("redirect_uri") ?? "");
      if (
        query.get("client_id") !== options.clientId ||
        query.get("code_challenge_method") !== "S256"
      ) {
        redirect.searchParams.set("error", "invalid_request");
      } else {
        const code = randomUUID();
        grants.set(code, {
          clientId: options.clientId,
          redirectUri: query.get("redirect_uri") ?? "",
          challenge: query.get("code_challenge") ?? "",
          user,
        });
        redirect.searchParams.set("code", code);
      }
      const state = query.get("state");
      if (state) redirect.searchParams.set("state", state);
      response.writeHead(302, { location: redirect.href }).end();
      return;
    }
    if (request.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const form = new URLSearchParams(await readBody(request));
      const code = form.get("code") ?? "";
      const grant = grants.get(code);
      grants.delete(code);
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (
        !grant ||
        form.get("client_id") !== grant.clientId ||
        form.get("client_secret") !== options.clientSecret ||
        form.get("redirect_uri") !== grant.redirectUri ||
        challenge !== grant.challenge
      ) {
        return sendJson(response, 200, {
          error: "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
        });
      }
      const token = `gho_${randomUUID().replaceAll("-", "")}`;
      tokens.set(token, grant.user);
      return sendJson(response, 200, {
        access_token: token,
        token_type: "bearer",
        scope: "read:user,user:email",
      });
    }
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const owner = bearer ? tokens.get(bearer) : undefined;
    if (request.method === "GET" && (url.pathname === "/user" || url.pathname === "/user/emails")) {
      if (api === "hang") return;
      if (api === "error") return sendJson(response, 503, { message: "Service unavailable" });
      if (!owner) return sendJson(response, 401, { message: "Requires authentication" });
      if (url.pathname === "/user/emails")
        return sendJson(
          response,
          200,
          owner.emails.map((e) => ({ ...e, visibility: null })),
        );
      return sendJson(response, 200, {
        id: owner.id,
        login: owner.login,
        name: owner.name ?? null,
        email: owner.email ?? null,
      });
    }
    sendJson(response, 404, { message: "Not Found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: url,
    signInAs(next) {
      user = next;
    },
    setApi(mode) {
      api = mode;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
