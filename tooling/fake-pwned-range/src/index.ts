export {
  type FakeRangeServer,
  type FakeRangeServerOptions,
  type RangeMode,
  type RangeRequest,
  sha1Hex,
  startFakeRangeServer,
} from "./fake-range-server";
