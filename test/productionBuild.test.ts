import { spawnSync } from "child_process";
import { readFileSync, readdirSync, statSync } from "fs";
import path from "path";
import { distFile } from "./support/dist";
import { tempDir } from "./support/tempDir";
import { FUNCTION_SPECS } from "../src/functions/spec";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, wellFormedError } = require("../scripts/validate-manifest.js");

const ROOT = path.join(__dirname, "..");
const WEBPACK = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const ADDIN_URL = "https://fees.example.com/addin/";

function webpack(addinUrl: string, outDir: string) {
  return spawnSync(process.execPath, [WEBPACK, "--mode", "production", "--output-path", outDir], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ADDIN_URL: addinUrl }, timeout: 600000 });
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

describe("a production build with ADDIN_URL", () => {
  const out = tempDir("addin-dist-");
  let built: string[] = [];
  const read = (f: string) => readFileSync(path.join(out, f), "utf8");

  beforeAll(() => {
    const r = webpack(ADDIN_URL, out);
    if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}\n${r.stderr}`);
    built = files(out);
  }, 600000);

  it("has no localhost anywhere in dist/", () => {
    const text = built.filter((f) => /\.(html|js|json|xml|css|txt)$/.test(f));
    expect(text.length).toBeGreaterThan(5);
    expect(text.filter((f) => /localhost/i.test(read(f)))).toEqual([]);
  });

  it("the manifest points every address at ADDIN_URL and passes the offline checks", () => {
    const xml = read("manifest.xml");
    expect(wellFormedError(xml)).toBeNull();
    const urls = [...xml.matchAll(/DefaultValue="(https:[^"]+)"|<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1] ?? m[2]);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(`${u}/`.startsWith(ADDIN_URL) || u.startsWith(ADDIN_URL)).toBe(true);
    expect(xml).toContain(`<AppDomain>${ADDIN_URL.slice(0, -1)}</AppDomain>`);
    expect(xml).toContain(`<SupportUrl DefaultValue="${ADDIN_URL}help.html"/>`);
    const functionsJson = JSON.parse(read("functions.json"));
    expect(checkManifest(xml, functionsJson, { assetsDir: path.join(out, "assets") })).toEqual([]);
    // Every address in the manifest is a file of the build.
    for (const u of urls.filter((x) => /\.\w+$/.test(new URL(x).pathname))) expect(built).toContain(new URL(u).pathname.slice(new URL(ADDIN_URL).pathname.length));
  });

  it("functions.json's help links go to ADDIN_URL's help page", () => {
    const helpUrls = JSON.parse(read("functions.json")).functions.map((f: { helpUrl: string }) => f.helpUrl);
    expect(helpUrls).toHaveLength(Object.keys(FUNCTION_SPECS).length);
    for (const u of helpUrls) expect(u).toMatch(new RegExp(`^${ADDIN_URL.replace(/[.]/g, "\\.")}help\\.html#[a-z]+$`));
  });

  it("scripts and styles carry a content hash, the pages name them, and functions.js keeps its stable name for the manifest", () => {
    const page = read("taskpane.html");
    const hashed = ["functions", "taskpane"].map((e) => path.basename(distFile(e, ".js", out)));
    const css = path.basename(distFile("taskpane", ".css", out));
    for (const f of [...hashed, css]) expect(page).toContain(f);
    expect(read("standalone.html")).toContain(css);
    expect(page).not.toMatch(/["=]taskpane\.css/);
    expect(read("functions.js")).toBe(read(hashed[0]));
  });

  describe("the sample hosting configurations in deploy/", () => {
    const cors = "Access-Control-Allow-Origin";
    const expectations = (headers: (file: string) => Record<string, string>) => {
      const jsHashed = built.filter((f) => /^[a-z]+\.[0-9a-f]{8}\.(js|css)$/.test(f));
      expect(jsHashed.length).toBeGreaterThanOrEqual(3);
      for (const f of ["functions.json", "functions.js", path.basename(distFile("functions", ".js", out))]) expect(headers(f)[cors]).toBe("*");
      for (const f of ["taskpane.html", "standalone.html", "help.html", "manifest.xml", "functions.json", "functions.js"]) expect(headers(f)["Cache-Control"]).toBe("no-cache");
      for (const f of jsHashed) expect(headers(f)["Cache-Control"]).toContain("immutable");
    };

    it("_headers (Netlify, Cloudflare Pages)", () => {
      const rules: { re: RegExp; headers: Record<string, string> }[] = [];
      for (const line of readFileSync(path.join(ROOT, "deploy", "_headers"), "utf8").split("\n")) {
        if (/^\//.test(line)) rules.push({ re: new RegExp(`^${line.trim().replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`), headers: {} });
        else if (/^\s+\S+:/.test(line)) {
          const [name, ...value] = line.trim().split(":");
          rules[rules.length - 1].headers[name] = value.join(":").trim();
        }
      }
      expectations((f) => Object.assign({}, ...rules.filter((r) => r.re.test(`/${f}`)).map((r) => r.headers)));
    });

    it("nginx.conf (the first matching regex location applies)", () => {
      const conf = readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
      const locations = [...conf.matchAll(/location ~ "([^"]+)" \{([^}]*)\}/g)].map((m) => ({
        re: new RegExp(m[1]),
        headers: Object.fromEntries([...m[2].matchAll(/add_header (\S+) "([^"]*)"/g)].map((h) => [h[1], h[2]])),
      }));
      expect(locations.length).toBeGreaterThanOrEqual(3);
      expectations((f) => locations.find((l) => l.re.test(`/${f}`))?.headers ?? {});
    });
  });
});

describe("ADDIN_URL that cannot work stops the build with a clear message", () => {
  it.each([
    ["not HTTPS", "http://fees.example.com/addin/", "ADDIN_URL must be an HTTPS address"],
    ["no trailing slash", "https://fees.example.com/addin", 'ADDIN_URL must end with "/"'],
    ["not a URL", "fees.example.com", "ADDIN_URL is not a URL"],
  ])("%s", (_what, url, message) => {
    const r = webpack(url, tempDir("addin-bad-"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  }, 120000);
});
