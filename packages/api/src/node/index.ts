export { toFetchRequest, writeFetchResponse } from "./fetch-bridge";
export { createLatchListener, type LatchListener, type LatchListenerOptions } from "./listener";
