// `npm run bench`: every figure is a ratio measured within this one run (machines are shared and noisy).
import { benchEngine } from "./engine";
import { benchEndToEnd } from "./endToEnd";
import { benchScale } from "./scale";

async function main(): Promise<void> {
  benchEngine();
  await benchEndToEnd();
  benchScale();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
