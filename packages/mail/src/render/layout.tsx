/** @jsxRuntime automatic */

import { directionOf, type Locale, type Translator } from "@latch/i18n";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { type Branding, buttonTextColour } from "../branding";
import { webLink } from "./format";

// Mail clients drop <style> blocks and web fonts unevenly, so every style is
// inline and the fonts are ones every system already has.
const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const ink = "#18181b";
const muted = "#52525b";
const page = "#f4f4f5";

const bodyStyle: CSSProperties = { margin: 0, padding: "32px 16px", backgroundColor: page };
const cardStyle: CSSProperties = {
  maxWidth: "560px",
  padding: "32px",
  backgroundColor: "#ffffff",
  borderRadius: "8px",
  fontFamily: font,
  color: ink,
};
const appNameStyle: CSSProperties = {
  margin: "0 0 24px",
  fontSize: "14px",
  fontWeight: 600,
  color: muted,
};
const headingStyle: CSSProperties = {
  margin: "0 0 16px",
  fontSize: "22px",
  lineHeight: "30px",
  fontWeight: 600,
};
const paragraphStyle: CSSProperties = { margin: "0 0 16px", fontSize: "16px", lineHeight: "24px" };
const smallStyle: CSSProperties = { margin: "0 0 8px", fontSize: "14px", color: muted };
const footerStyle: CSSProperties = {
  maxWidth: "560px",
  padding: "0 32px",
  fontFamily: font,
  fontSize: "12px",
  lineHeight: "18px",
  color: muted,
};

// The language travels in props, not a React context: route handlers render emails in
// React's server build, which has no createContext.
export interface NoticeLayoutProps {
  t: Translator;
  locale: Locale;
  branding: Branding;
  /** The subject; a browser shows it as the title when the email is opened there. */
  title: string;
  /** The line most inboxes show next to the subject. */
  preview: string;
  heading: string;
  /** The recipient, named in the footer so a forwarded email says whose it was. */
  to: string;
  children: ReactNode;
}

/** The frame every notice shares: the app's name or logo, the heading, the body, the footer. */
export function NoticeLayout({
  t,
  locale,
  branding,
  title,
  preview,
  heading,
  to,
  children,
}: NoticeLayoutProps) {
  const { appName, logoUrl, supportEmail } = branding;
  // On the body and each block too: mail clients (Gmail among them) drop the <html> element's dir.
  const dir = directionOf(locale);
  return (
    <Html lang={locale} dir={dir}>
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={bodyStyle} dir={dir}>
        <Container style={{ ...cardStyle, textAlign: "start" }} dir={dir}>
          <Section>
            {logoUrl === null ? (
              <Text style={appNameStyle}>{appName}</Text>
            ) : (
              <Img src={logoUrl} alt={appName} height="32" style={{ margin: "0 0 24px" }} />
            )}
          </Section>
          <Heading as="h1" style={headingStyle}>
            {heading}
          </Heading>
          {children}
        </Container>
        <Container style={{ ...footerStyle, textAlign: "start" }} dir={dir}>
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0 16px" }} />
          <Text style={{ margin: 0, fontSize: "12px", color: muted }}>
            {t("emails.layout.sentTo", { to, appName })}
            {supportEmail === null ? null : (
              <>
                {" "}
                {t.rich("emails.layout.questions", {
                  address: supportEmail,
                  link: () => (
                    <SupportLink branding={branding} address={supportEmail} color={muted} />
                  ),
                })}
              </>
            )}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraphStyle}>{children}</Text>;
}

/**
 * The one thing to do, as a button in the accent colour, then the same link
 * written out for clients that block buttons. The text part already carries
 * the button's link, so the written-out copy is left out of it.
 */
export function ActionButton({
  t,
  branding,
  href,
  children,
}: {
  t: Translator;
  branding: Branding;
  href: string;
  children: string;
}) {
  const url = webLink(href);
  const { accentColor } = branding;
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={url}
        style={{
          padding: "12px 24px",
          borderRadius: "6px",
          backgroundColor: accentColor,
          color: buttonTextColour(accentColor),
          fontSize: "16px",
          fontWeight: 600,
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
      <Text style={{ ...smallStyle, margin: "16px 0 4px" }} data-skip-in-text="true">
        {t("emails.layout.buttonFallback")}
      </Text>
      <Text style={{ ...smallStyle, wordBreak: "break-all" }} data-skip-in-text="true">
        <Link href={url} style={{ color: linkColour(accentColor) }}>
          {url}
        </Link>
      </Text>
    </Section>
  );
}

/** A link inside a sentence; in the text part it reads "label https://…". */
export function InlineLink({
  branding,
  href,
  children,
}: {
  branding: Branding;
  href: string;
  children: ReactNode;
}) {
  return (
    <Link
      href={webLink(href)}
      style={{ color: linkColour(branding.accentColor), textDecoration: "underline" }}
    >
      {children}
    </Link>
  );
}

/** The accent colour when it is dark enough to read as text on white; ink when it is not. */
function linkColour(accentColor: string): string {
  return buttonTextColour(accentColor) === "#ffffff" ? accentColor : ink;
}

/** The support address as a mailto: link; assertBranding has already ruled out `?` and `&`. */
export function SupportLink({
  branding,
  address,
  color,
}: {
  branding: Branding;
  address: string;
  color?: string;
}) {
  return (
    <Link href={`mailto:${address}`} style={{ color: color ?? linkColour(branding.accentColor) }}>
      {address}
    </Link>
  );
}
