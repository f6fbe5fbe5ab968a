import { z } from "zod";

// Zod probes for `new Function` to compile fast object parsers; under the pages' CSP (no
// 'unsafe-eval') the caught probe is still reported as a violation. Browsers parse without it.
if ("window" in globalThis) z.config({ jitless: true });
