// The address the add-in is served from, and the webpack plugin that writes it into every page, the manifest
// and functions.json. Kept apart from webpack.config.js so that adding an entry there needs no change here.
const { Compilation, WebpackError, sources } = require("webpack");

const DEV_URL = "https://localhost:3000/";

/** ADDIN_URL checked: an HTTPS address ending in "/" (every file is addressed relative to it); unset means the development server. */
function addinUrl(value = process.env.ADDIN_URL) {
  if (value === undefined || value === "") return DEV_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: "${value}". Give the HTTPS address dist/ is served from, ending in "/", e.g. ADDIN_URL=https://fees.example.com/addin/`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must be an HTTPS address (Office loads add-ins over HTTPS only): "${value}"`);
  if (!value.endsWith("/")) throw new Error(`ADDIN_URL must end with "/" (pages and scripts are addressed relative to it): "${value}"; did you mean "${value}/"?`);
  if (url.search || url.hash) throw new Error(`ADDIN_URL must not have a query or fragment: "${value}"`);
  return value;
}

const TEXT = /\.(html|json|xml|css|js)$/;

/**
 * After every other plugin has emitted its files: replaces the development address with `url` in the
 * manifest, functions.json (helpUrl), HTML and CSS; points the pages at the content-hashed stylesheet; adds
 * `stableCopies` (e.g. functions.js, the manifest's script address, which must not change between
 * deployments) as copies of their hashed files; and, for a production address, fails the build if
 * "localhost" is left anywhere in the output.
 */
class AddinUrlPlugin {
  constructor({ url, stableCopies = {} }) {
    this.url = url;
    this.stableCopies = stableCopies;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AddinUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AddinUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, (assets) => {
        const names = Object.keys(assets);
        const hashedCss = names.filter((n) => /\.[0-9a-f]{8,}\.css$/.test(n));
        for (const name of names.filter((n) => TEXT.test(n))) {
          let text = assets[name].source().toString();
          const before = text;
          if (this.url !== DEV_URL && !name.endsWith(".js")) text = text.split(DEV_URL).join(this.url).split(DEV_URL.slice(0, -1)).join(this.url.slice(0, -1));
          if (name.endsWith(".html")) {
            for (const css of hashedCss) text = text.split(css.replace(/\.[0-9a-f]{8,}\.css$/, ".css")).join(css);
          }
          if (text !== before) compilation.updateAsset(name, new sources.RawSource(text));
        }
        for (const [stable, chunk] of Object.entries(this.stableCopies)) {
          const file = [...(compilation.namedChunks.get(chunk)?.files ?? [])].find((f) => f.endsWith(".js"));
          if (file && file !== stable) compilation.emitAsset(stable, new sources.RawSource(compilation.getAsset(file).source.source()), { minimized: true, javascriptModule: false });
        }
        if (this.url !== DEV_URL) {
          for (const name of Object.keys(compilation.assets).filter((n) => TEXT.test(n))) {
            if (/localhost/i.test(compilation.assets[name].source().toString())) compilation.errors.push(new WebpackError(`dist/${name} still mentions localhost after writing ADDIN_URL=${this.url} into it`));
          }
        }
      });
    });
  }
}

module.exports = { DEV_URL, addinUrl, AddinUrlPlugin };
