const path = require("path");
const fs = require("fs");
const os = require("os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { AddinUrlPlugin, addinUrl } = require("./scripts/addinUrl");

/** HTTPS options from the certificates office-addin-dev-certs writes (it cannot install its CA here, but the files are made). */
function httpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const missing = Object.values(files).filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw new Error(`No development certificates in ${dir}: run "npx office-addin-dev-certs install" first (npm start does).`);
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const serving = Boolean(process.env.WEBPACK_SERVE);
  let url;
  try {
    url = addinUrl(); // ADDIN_URL=https://host/path/ for a production build; unset, the development server's address
  } catch (e) {
    console.error(`Build stopped: ${e.message}`);
    process.exit(2);
  }
  // Production file names carry a content hash, so a redeployed script or stylesheet is never served stale.
  const hashed = (ext) => (dev ? `[name]${ext}` : `[name].[contenthash:8]${ext}`);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: hashed(".js"), chunkFilename: hashed(".js"), clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.webpack.json", transpileOnly: true } } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      // One page for the shared runtime: Office.js from Microsoft's CDN (the only supported way), then functions and pane.
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["functions", "taskpane"], inject: "body", scriptLoading: "blocking" }),
      // The same pane outside Office, over an .xlsx file: no Office.js, no functions.
      new HtmlWebpackPlugin({ filename: "standalone.html", template: "./src/taskpane/standalone.html", chunks: ["taskpane"], inject: "body", scriptLoading: "blocking" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "samples/*.xlsx", to: "samples/[name][ext]", noErrorOnMissing: true },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "src/taskpane/taskpane.css", to: hashed(".css") },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
      // The hosting address into manifest, functions.json and pages; functions.js kept under its own name too,
      // as the manifest's script address (the shared runtime loads the hashed file through taskpane.html).
      new AddinUrlPlugin({ url, stableCopies: { "functions.js": "functions" } }),
    ],
    devServer: serving
      ? {
          static: { directory: path.join(__dirname, "dist") },
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: httpsOptions() },
          port: 3000,
          hot: false,
          liveReload: false,
        }
      : undefined,
  };
};
