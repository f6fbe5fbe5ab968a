import axe from "axe-core";
import type { Page } from "playwright-core";

interface AxeResults {
  violations: { id: string; help: string; nodes: unknown[] }[];
}

/**
 * What axe-core finds wrong with the page as it is now, one line per rule.
 * Injected through the DevTools protocol, so the page's CSP (which refuses
 * any script without its nonce) does not stop it.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(`(() => { ${axe.source}\n })()`);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`,
  );
}
