import { requireServices } from "./services";

export default async function setup(): Promise<void> {
  await requireServices();
}
