#!/usr/bin/env node
// `npm start`: serve the add-in over HTTPS on localhost:3000 and sideload it where desktop Excel exists.
const { spawnSync, spawn } = require("child_process");
const os = require("os");

const platform = os.platform();
const hasDesktopExcel = platform === "win32" || platform === "darwin";

if (!hasDesktopExcel) {
  console.log(
    `Desktop Excel is not available on ${platform}: serving https://localhost:3000 only. Open https://localhost:3000/standalone.html in a browser, or sideload manifest.xml into Excel on the web (Insert > Add-ins > Upload My Add-in).`,
  );
}
const certs = spawnSync("npx", ["office-addin-dev-certs", "install"], { stdio: "inherit" });
if (certs.status !== 0) process.exit(certs.status || 1);
if (hasDesktopExcel) {
  const r = spawnSync("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel"], { stdio: "inherit" });
  process.exit(r.status || 0);
}
const server = spawn("npx", ["webpack", "serve", "--mode", "development"], { stdio: "inherit" });
server.on("exit", (code) => process.exit(code || 0));
