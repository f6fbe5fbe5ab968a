import { createPrivateKey } from "node:crypto";
import {
  DEFAULT_SCOPES,
  GITHUB_API_URL,
  isLoopback,
  isPreset,
  PRESETS,
  type ProviderSettings,
} from "@latch/oidc/settings";

/** One problem with one variable: named, its value never repeated. */
export interface EnvProblem {
  name: string;
  message: string;
}

const MAX_NAME_LENGTH = 60;
const ENTRA_ORIGIN = "https://login.microsoftonline.com";

/** OIDC_<ID>_<FIELD>: the id upper-cased, hyphens as underscores. */
const oidcVariable = (id: string, field: string) =>
  `OIDC_${id.toUpperCase().replaceAll("-", "_")}_${field}`;

/**
 * Reads each provider listed in OIDC_PROVIDERS from its OIDC_<ID>_* variables
 * (presets fill their issuer, name and scopes). Issuers come only from here:
 * https, or plain http on a loopback host for a local double.
 */
export function parseOidcProviders(
  ids: readonly string[],
  source: Record<string, string | undefined>,
): { providers: ProviderSettings[]; problems: EnvProblem[] } {
  const problems: EnvProblem[] = [];
  const providers: ProviderSettings[] = [];
  for (const id of ids) {
    const variable = (field: string) => oidcVariable(id, field);
    const read = (field: string) => {
      const value = source[variable(field)]?.trim();
      return value ? value : undefined;
    };
    const problem = (field: string, message: string) => {
      problems.push({ name: variable(field), message });
    };
    const required = (field: string) => {
      const value = read(field);
      if (!value) problem(field, `required for the provider "${id}" listed in OIDC_PROVIDERS`);
      return value ?? "";
    };
    const preset = isPreset(id) ? PRESETS[id] : null;

    const issuer = read("ISSUER") ?? preset?.issuer ?? required("ISSUER");
    const issuerProblem = issuer ? checkIssuer(issuer, id) : null;
    if (issuerProblem) problem("ISSUER", issuerProblem);

    const name = read("NAME") ?? preset?.name ?? required("NAME");
    if (name.length > MAX_NAME_LENGTH) problem("NAME", `at most ${MAX_NAME_LENGTH} characters`);

    const scopes = (read("SCOPES") ?? preset?.scopes ?? DEFAULT_SCOPES).split(/\s+/).join(" ");
    if (id !== "github" && !scopes.split(" ").includes("openid")) {
      problem("SCOPES", 'must include "openid" (space-separated scopes)');
    }

    const trust = read("TRUST_EMAIL") ?? "false";
    if (trust !== "true" && trust !== "false") problem("TRUST_EMAIL", "must be true or false");

    const settings: ProviderSettings = {
      id,
      name,
      issuer,
      clientId: required("CLIENT_ID"),
      clientSecret: id === "apple" ? null : required("CLIENT_SECRET"),
      scopes,
      trustEmail: trust === "true",
    };
    if (id === "github") {
      settings.apiUrl = read("API_URL") ?? GITHUB_API_URL;
      const apiProblem = checkIssuer(settings.apiUrl, id);
      if (apiProblem) problem("API_URL", apiProblem);
    }
    if (id === "apple") {
      const teamId = required("TEAM_ID");
      const keyId = required("KEY_ID");
      // A PEM in one line of an env file has its line breaks written as \n.
      const privateKey = required("PRIVATE_KEY").replaceAll("\\n", "\n");
      if (teamId && !/^[A-Z0-9]{10}$/.test(teamId))
        problem("TEAM_ID", "must be Apple's 10-character team id");
      if (keyId && !/^[A-Z0-9]{10}$/.test(keyId))
        problem("KEY_ID", "must be Apple's 10-character key id");
      if (privateKey && !isP256PrivateKey(privateKey)) {
        problem(
          "PRIVATE_KEY",
          "must be the PEM (PKCS#8) of the P-256 key Apple gave for Sign in with Apple",
        );
      }
      settings.apple = { teamId, keyId, privateKey };
    }
    providers.push(settings);
  }
  return { providers, problems };
}

function checkIssuer(value: string, id: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a URL such as https://id.example.com";
  }
  if (url.search || url.hash || url.username || url.password) {
    return "must be a plain URL (no query, fragment or credentials)";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    return "must be https (plain http only on 127.0.0.1, localhost or [::1], for a local double)";
  }
  if (id === "microsoft" && url.protocol === "https:" && url.origin !== ENTRA_ORIGIN) {
    return `must be on ${ENTRA_ORIGIN} (common, organizations, consumers or a tenant, then /v2.0)`;
  }
  return null;
}

function isP256PrivateKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1";
  } catch {
    return false;
  }
}
