/** How every email looks and whom it names: one value, set at the composition root. */
export interface Branding {
  appName: string;
  /** Named in every footer, and in the account-deleted email as the address to write to. */
  supportEmail: string | null;
  /** An absolute http(s) URL of the logo image; without it the header shows the app name. */
  logoUrl: string | null;
  /** `#rrggbb`; the colour of each email's button. */
  accentColor: string;
}

const hexColour = /^#[0-9a-f]{6}$/i;
// One address, nothing a mailto: link could read as extra headers (`?bcc=`) or a second address.
const plainAddress = /^[^\s@<>()[\]",;:?&#\\]+@[^\s@<>()[\]",;:?&#\\]+$/;
// Control characters in a subject line would fold or break the header the provider writes.
const controlCharacters = /\p{Cc}/u;

/**
 * Branding goes into subjects, a style attribute and an image URL, so it is
 * checked once where the sender is made: a bad value fails at startup, not
 * in the middle of an outbox round. React escapes markup, but not CSS in a
 * style value nor a `javascript:` URL, hence the strict shapes.
 */
export function assertBranding(branding: Branding): Branding {
  const { appName, supportEmail, logoUrl, accentColor } = branding;
  if (appName.trim() === "" || appName.length > 100 || controlCharacters.test(appName)) {
    throw new TypeError("branding.appName must be 1 to 100 characters on one line");
  }
  if (!hexColour.test(accentColor)) {
    throw new TypeError("branding.accentColor must be a #rrggbb colour");
  }
  if (supportEmail !== null && !plainAddress.test(supportEmail)) {
    throw new TypeError("branding.supportEmail must be one plain email address, or null");
  }
  if (logoUrl !== null && !isWebUrl(logoUrl)) {
    throw new TypeError("branding.logoUrl must be an absolute http(s) URL, or null");
  }
  return branding;
}

export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
  return URL.canParse(value);
}

const darkText = "#18181b";

/** White or near-black, whichever contrasts more with the accent colour (WCAG 2 ratios). */
export function buttonTextColour(accentColor: string): string {
  const accent = relativeLuminance(accentColor);
  const againstWhite = 1.05 / (accent + 0.05);
  const againstDark = (accent + 0.05) / (relativeLuminance(darkText) + 0.05);
  return againstWhite >= againstDark ? "#ffffff" : darkText;
}

function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
