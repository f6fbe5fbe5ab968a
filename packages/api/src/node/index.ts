export { createLatchListener } from "./listener";
