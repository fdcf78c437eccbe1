import { readFileSync, statSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { distFile } from "./support/dist";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require("../scripts/validate-manifest.js");

const root = join(__dirname, "..");
const xml = readFileSync(join(root, "manifest.xml"), "utf8");
const functionsJson = JSON.parse(readFileSync(join(root, "dist", "functions.json"), "utf8"));

describe("manifest.xml (offline validation)", () => {
  it("passes every check", () => {
    expect(checkManifest(xml, functionsJson)).toEqual([]);
  });
  it.each([
    ["an http URL", (x: string) => x.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"), "URL is not HTTPS"],
    ["an undefined resid", (x: string) => x.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'), 'resid "Commands.Url" is used but not defined'],
    ["a page outside the shared runtime", (x: string) => x.replace('<Page>\n              <SourceLocation resid="Taskpane.Url"/>', '<Page>\n              <SourceLocation resid="Functions.Script.Url"/>'), "CustomFunctions <Page> uses resid"],
    ["another namespace", (x: string) => x.replace('id="Functions.Namespace" DefaultValue="FEE"', 'id="Functions.Namespace" DefaultValue="FEES"'), 'namespace is "FEES"'],
    ["a duplicate resource id", (x: string) => x.replace('<bt:Url id="GetStarted.LearnMoreUrl"', '<bt:Url id="Taskpane.Url"'), 'resource id "Taskpane.Url" is defined twice'],
    ["no shared runtime requirement", (x: string) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""), "SharedRuntime"],
  ])("catches %s", (_what, mutate, problem) => {
    expect(checkManifest(mutate(xml), functionsJson).join("\n")).toContain(problem);
  });
  it("catches a function id Excel would refuse", () => {
    const bad = { functions: [...functionsJson.functions, { id: "BAD-ID", name: "BAD-ID" }] };
    expect(checkManifest(xml, bad).join("\n")).toContain('function id "BAD-ID"');
  });
});

describe("bundle size", () => {
  it("dist/functions.js stays under 150 KB minified", () => {
    const file = join(root, "dist", "functions.js");
    const size = statSync(file).size;
    const gz = gzipSync(readFileSync(file)).length;
    console.log(`dist/functions.js: ${(size / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzip`);
    expect(size).toBeLessThan(150 * 1024);
  });
  it("the task pane's JavaScript stays under 400 KB gzip", () => {
    const file = distFile("taskpane", ".js");
    const gz = gzipSync(readFileSync(file)).length;
    console.log(`dist/taskpane.js: ${(statSync(file).size / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzip`);
    expect(gz).toBeLessThan(400 * 1024);
  });
});
