// `npm run bench`: every figure is a ratio measured within this one run (machines are shared and noisy).
import { benchEngine } from "./engine";

async function main(): Promise<void> {
  benchEngine();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
