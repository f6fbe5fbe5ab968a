export { type FakeRangeServer, sha1Hex, startFakeRangeServer } from "./fake-range-server";
