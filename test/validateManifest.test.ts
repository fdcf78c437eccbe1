// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wellFormedError } = require("../scripts/validate-manifest.js");
import { readFileSync } from "fs";
import { join } from "path";

// The manifest's well-formedness is checked in JavaScript (saxes), so a machine with only Node and npm can run it.
describe("manifest well-formedness without xmllint", () => {
  const xml = readFileSync(join(__dirname, "..", "manifest.xml"), "utf8");
  it("accepts manifest.xml", () => {
    expect(wellFormedError(xml)).toBeNull();
  });
  it.each([
    ["an unclosed element", (x: string) => x.replace("</Version>", "")],
    ["a stray ampersand", (x: string) => x.replace("<Version>", "<Version>&")],
    ["an undeclared namespace prefix", (x: string) => x.replace("<bt:Urls>", "<zz:Urls>").replace("</bt:Urls>", "</zz:Urls>")],
    ["text after the root element", (x: string) => `${x}<extra/>`],
  ])("refuses %s, saying where", (_what, mutate) => {
    expect(wellFormedError(mutate(xml))).toMatch(/\d+:\d+/);
  });
});
