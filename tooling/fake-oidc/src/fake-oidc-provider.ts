import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

/** The person the provider signs in next; claims left undefined are not sent. */
interface FakePerson {
  sub: string;
  email?: string;
  /** Sent as given, so tests can send the string "true" or leave it out. */
  email_verified?: unknown;
  name?: string;
  /** Entra ID's tenant id; the Microsoft double puts it in `tid` and in `iss`. */
  tid?: string;
}

type Claims = Record<string, unknown>;
/** discovery: normal, answers 500, or accepts the connection and never answers. */
type DiscoveryMode = "normal" | "error" | "hang";

export interface FakeOidcOptions {
  /** Path of the issuer under the server's origin, e.g. "/common/v2.0"; default none. */
  issuerPath?: string;
  /** The `issuer` the discovery document claims; default the server's URL (origin + path). */
  discoveryIssuer?: (url: string) => string;
  /** The `iss` of each ID token; default the discovery document's issuer. */
  tokenIssuer?: (person: FakePerson, issuer: string) => string;
  /** Apple's shape: the authorization answer comes back as an auto-submitted POST form. */
  formPost?: boolean;
  /** Whether the provider has a userinfo endpoint (Apple has none); default true. */
  userinfo?: boolean;
  /** Loopback port; default any free one. */
  port?: number;
}

export interface FakeOidcProvider {
  /** The issuer URL to configure (OIDC_<ID>_ISSUER): the origin plus issuerPath. */
  url: string;
  signInAs(person: FakePerson): void;
  /** Changes the claims (and header) of the next ID token before it is signed. */
  tamperNextIdToken(change: (payload: Claims, header: Claims) => void): void;
  /** Changes the next userinfo answer. */
  tamperNextUserinfo(change: (body: Claims) => void): void;
  /** The next ID token keeps its claims but its signature is broken. */
  breakNextSignature(): void;
  setDiscovery(mode: DiscoveryMode): void;
  /** How many times the discovery document was asked for. */
  discoveryRequests(): number;
  /** The form fields of the last token request (to check a client secret). */
  lastTokenRequest(): Record<string, string> | null;
  close(): Promise<void>;
}

const DEFAULT_PERSON: FakePerson = {
  sub: "person-1",
  email: "Person.One@Example.com",
  email_verified: true,
  name: "Person One",
};

/**
 * A local OpenID provider for tests and development, on oauth2-mock-server:
 * its authorize endpoint redirects straight back with a code (no login page),
 * its token endpoint checks PKCE and signs ID tokens with its own JWKS. This
 * wrapper serves the discovery document itself (so a double can claim
 * Microsoft's `{tenantid}` issuer or Apple's form_post) and fills each token
 * and userinfo answer from the person set with signInAs, with one-shot hooks
 * to tamper them for attack tests.
 */
export async function startFakeOidcProvider(
  options: FakeOidcOptions = {},
): Promise<FakeOidcProvider> {
  const issuerPath = options.issuerPath ?? "";
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer);
  const handle = service.requestHandler;

  let person = DEFAULT_PERSON;
  let discovery: DiscoveryMode = "normal";
  let discoveryCount = 0;
  let tokenRequest: Record<string, string> | null = null;
  let breakSignature = false;
  const idTokenChanges: Array<(payload: Claims, header: Claims) => void> = [];
  const userinfoChanges: Array<(body: Claims) => void> = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === `${issuerPath}/.well-known/openid-configuration`) {
      discoveryCount += 1;
      if (discovery === "hang") return;
      if (discovery === "error") return sendJson(response, 500, { error: "server_error" });
      return sendJson(response, 200, discoveryDocument());
    }
    if (url.pathname === "/form_post") return sendForm(response, url);
    handle(request, response);
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `${origin}${issuerPath}`;
  const claimedIssuer = options.discoveryIssuer?.(baseUrl) ?? baseUrl;
  issuer.url = origin;

  function discoveryDocument(): Claims {
    return {
      issuer: claimedIssuer,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      jwks_uri: `${origin}/jwks`,
      ...(options.userinfo === false ? {} : { userinfo_endpoint: `${origin}/userinfo` }),
      response_types_supported: ["code"],
      response_modes_supported: options.formPost ? ["query", "fragment", "form_post"] : ["query"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid", "email", "profile"],
    };
  }

  service.on("beforeTokenSigning", (token: { header: Claims; payload: Claims }) => {
    const { payload } = token;
    payload.sub = person.sub;
    // The mock signs the access token and the ID token alike; only the ID token has an audience.
    if (!("aud" in payload)) return;
    payload.iss = options.tokenIssuer?.(person, claimedIssuer) ?? claimedIssuer;
    for (const name of ["email", "email_verified", "name", "tid"] as const) {
      if (person[name] !== undefined) payload[name] = person[name];
    }
    idTokenChanges.shift()?.(payload, token.header);
  });
  service.on(
    "beforeResponse",
    (answer: { body: Claims }, request: { body: Record<string, string> }) => {
      tokenRequest = { ...request.body };
      const idToken = answer.body.id_token;
      if (breakSignature && typeof idToken === "string") {
        breakSignature = false;
        const [header, payload, signature = ""] = idToken.split(".");
        const flipped = signature.startsWith("A")
          ? `B${signature.slice(1)}`
          : `A${signature.slice(1)}`;
        answer.body.id_token = `${header}.${payload}.${flipped}`;
      }
    },
  );
  service.on("beforeUserinfo", (answer: { body: Claims }) => {
    const body: Claims = { sub: person.sub };
    for (const name of ["email", "email_verified", "name"] as const) {
      if (person[name] !== undefined) body[name] = person[name];
    }
    userinfoChanges.shift()?.(body);
    answer.body = body;
  });
  if (options.formPost) {
    // Apple answers with a page that POSTs code and state to the redirect URI.
    service.on("beforeAuthorizeRedirect", (redirect: { url: URL }, request: IncomingMessage) => {
      const query = new URL(request.url ?? "/", "http://localhost").searchParams;
      if (query.get("response_mode") !== "form_post") return;
      const page = new URL(`${origin}/form_post`);
      page.searchParams.set("target", `${redirect.url.origin}${redirect.url.pathname}`);
      for (const [name, value] of redirect.url.searchParams) page.searchParams.set(name, value);
      redirect.url = page;
    });
  }

  return {
    url: baseUrl,
    signInAs(next) {
      person = next;
    },
    tamperNextIdToken(change) {
      idTokenChanges.push(change);
    },
    tamperNextUserinfo(change) {
      userinfoChanges.push(change);
    },
    breakNextSignature() {
      breakSignature = true;
    },
    setDiscovery(mode) {
      discovery = mode;
    },
    discoveryRequests: () => discoveryCount,
    lastTokenRequest: () => tokenRequest,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The auto-submitting form Apple shows: fields are the authorization answer. */
function sendForm(response: ServerResponse, url: URL): void {
  const target = url.searchParams.get("target") ?? "";
  const fields = [...url.searchParams]
    .filter(([name]) => name !== "target")
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("");
  response
    .writeHead(200, { "content-type": "text/html; charset=utf-8" })
    .end(
      `<!doctype html><form method="post" action="${escapeHtml(target)}">${fields}</form><script>document.forms[0].submit()</script>`,
    );
}
