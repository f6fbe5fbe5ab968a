import { describeKeyStoreConformance } from "./conformance/key-store";
import { createFakeKeyStore } from "./fake-key-store";

describeKeyStoreConformance("the domain tests' fake key store", async () => {
  let now = Date.UTC(2026, 2, 1, 12);
  const clock = () => now;
  return {
    store: createFakeKeyStore(clock),
    // A store apart from the first, as a second prefix on one backend is.
    withPrefix: () => createFakeKeyStore(clock),
    advance: (ms) => {
      now += ms;
    },
    cleanup: async () => undefined,
  };
});
