export { createRangeApiCheck, type RangeApiOptions } from "./range-api";
